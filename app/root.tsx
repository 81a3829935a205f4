import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { requireAccess } from "./auth/guard.server";
import { navigationFor } from "./navigation";
import styles from "./styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Ready to Post" }];

export function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "root");
  return {
    user: user ? { name: user.name, role: user.role } : null,
    navigation: navigationFor(user?.role ?? null),
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        <header className="site-header">
          <div className="site-header__inner">
            <Link to="/" className="brand">
              <span aria-hidden="true" className="brand__mark">
                R
              </span>
              Ready to Post
            </Link>
            {data?.user ? (
              <div className="account">
                <span>
                  {data.user.name} <span className="role-tag">{data.user.role}</span>
                </span>
                <Form method="post" action="/logout">
                  <button type="submit" className="button button--quiet">
                    Sign out
                  </button>
                </Form>
              </div>
            ) : null}
          </div>
          {data?.user ? (
            <nav aria-label="Main" className="site-nav">
              <ul>
                {data.navigation.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.to === "/"}>
                      {item.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" tabIndex={-1} className="page">
          {children}
        </main>
        <footer className="site-footer">
          <p>Ready to Post: practise before you post.</p>
        </footer>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

const errorPages: Record<number, { title: string; body: string }> = {
  403: {
    title: "You cannot open this page",
    body: "Your role does not include this page. If you think it should, ask an administrator.",
  },
  404: {
    title: "Page not found",
    body: "The page may have moved, or the address may be wrong. Check it, or go back home.",
  },
  405: {
    title: "That cannot be done here",
    body: "This page does not accept that kind of request.",
  },
};

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const page = errorPages[status] ?? {
    title: "Sorry, something went wrong",
    body: "We could not finish that. Nothing you saved has been lost. Try again in a moment.",
  };
  if (status >= 500) console.error(error);
  return (
    <div className="error-page">
      <p className="error-page__status">Error {status}</p>
      <h1>{page.title}</h1>
      <p>{page.body}</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </div>
  );
}
