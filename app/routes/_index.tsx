import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { CertificationCards, CertificationReminders } from "~/certification/HomeCards";
import { homeFor } from "~/home.server";
import { NextStepLink, ProgressBar, timeLeft } from "~/learn/components";

export const meta: MetaFunction = () => [{ title: "Home – Ready to Post" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/_index");
  const home = await homeFor(user);
  return { user: { name: user.name, role: user.role }, ...home };
}

export default function Home() {
  const { user, profile, team, organisation, learning, practice, authoring, certification } =
    useLoaderData<typeof loader>();
  const firstName = user.name.split(" ")[0];
  return (
    <div className="stack">
      <h1>Hello, {firstName}</h1>
      <p className="lede">
        Ready to Post is where you learn your organisation's social media policy and practise it
        safely before you post for real.
      </p>
      <CertificationReminders home={certification} />
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
        <CertificationCards home={certification} />
        <section className="card" aria-labelledby="practice-heading">
          <h2 id="practice-heading">Practice</h2>
          {practice.inProgress.length > 0 ? (
            <>
              <p>Runs in progress:</p>
              <ul>
                {practice.inProgress.map((run) => (
                  <li key={run.id}>
                    <Link to={`/practice/runs/${run.id}`}>{run.title}</Link>
                    {run.mode === "assessed" ? " (assessed)" : ""}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {practice.next ? (
            <p>
              Next to practise:{" "}
              <Link to={`/practice#scenario-${practice.next.id}`}>{practice.next.title}</Link>
            </p>
          ) : practice.total > 0 ? (
            <p>You have passed every scenario. Well done.</p>
          ) : (
            <p>No scenarios have been published yet.</p>
          )}
          <p className="hint">
            Passed {practice.passed} of {practice.total} scenarios.
          </p>
          <div className="actions">
            <Link className="button" to="/practice">
              Go to practice
            </Link>
          </div>
        </section>
        {authoring ? (
          <section className="card" aria-labelledby="authoring-heading">
            <h2 id="authoring-heading">Authoring</h2>
            <ul>
              <li>
                {authoring.drafts === 0
                  ? "No drafts waiting to be published."
                  : `${authoring.drafts} draft${authoring.drafts === 1 ? "" : "s"} with unpublished changes.`}
              </li>
              <li>
                {authoring.reviews === 0
                  ? "No replies waiting for a grade."
                  : `${authoring.reviews} repl${authoring.reviews === 1 ? "y" : "ies"} waiting for a grade.`}
              </li>
            </ul>
            <div className="actions">
              <Link className="button" to="/author/scenarios">
                Scenarios
              </Link>
              <Link className="button button--secondary" to="/author/reviews">
                Reviews
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
