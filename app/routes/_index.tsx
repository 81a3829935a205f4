import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { homeFor } from "~/home.server";
import { NextStepLink, ProgressBar, timeLeft } from "~/learn/components";

export const meta: MetaFunction = () => [{ title: "Home – Ready to Post" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/_index");
  const home = await homeFor(user);
  return { user: { name: user.name, role: user.role }, ...home };
}

export default function Home() {
  const { user, profile, team, organisation, learning } = useLoaderData<typeof loader>();
  const firstName = user.name.split(" ")[0];
  return (
    <div className="stack">
      <h1>Hello, {firstName}</h1>
      <p className="lede">
        Ready to Post is where you learn your organisation's social media policy and practise it
        safely before you post for real.
      </p>
      <div className="grid">
        {learning ? (
          <section className="card" aria-labelledby="learning-heading">
            <h2 id="learning-heading">Your learning</h2>
            <p>
              <Link to={`/learn/${learning.course.id}`}>{learning.course.title}</Link>
            </p>
            <ProgressBar
              id="home-learning-progress"
              label={learning.course.title}
              done={learning.done}
              total={learning.total}
            />
            <p>{timeLeft(learning.minutesLeft)}</p>
            <div className="actions">
              <NextStepLink courseId={learning.course.id} next={learning.next} />
            </div>
          </section>
        ) : null}
        <section className="card" aria-labelledby="profile-heading">
          <h2 id="profile-heading">Your details</h2>
          <dl className="facts">
            <dt>Role</dt>
            <dd style={{ textTransform: "capitalize" }}>{user.role}</dd>
            <dt>Department</dt>
            <dd>{profile.department ?? "Not set"}</dd>
            <dt>Line manager</dt>
            <dd>{profile.lineManager ?? "Not set"}</dd>
          </dl>
        </section>
        {organisation ? (
          <section className="card" aria-labelledby="organisation-heading">
            <h2 id="organisation-heading">People</h2>
            <ul>
              {organisation.map((row) => (
                <li key={row.role}>
                  {row.people} active {row.role}
                  {row.people === 1 || row.role === "staff" ? "" : "s"}
                </li>
              ))}
            </ul>
            <div className="actions">
              <Link className="button" to="/admin/people">
                Manage people
              </Link>
              <Link className="button button--secondary" to="/admin/people/import">
                Import from CSV
              </Link>
            </div>
          </section>
        ) : null}
        {team ? (
          <section className="card" aria-labelledby="team-heading">
            <h2 id="team-heading">Your department</h2>
            {team.length === 0 ? (
              <p>No one else is in your department yet.</p>
            ) : (
              <ul>
                {team.map((person) => (
                  <li key={person.id}>
                    {person.name}
                    {person.role !== "staff" ? ` (${person.role})` : ""}
                  </li>
                ))}
              </ul>
            )}
          </section>
        ) : null}
      </div>
    </div>
  );
}
