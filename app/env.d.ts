/// <reference types="@remix-run/node" />
/// <reference types="@remix-run/dev" />
import "@remix-run/node";
import type { SessionUser } from "./auth/session.server";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    /** The client's address, for throttling sign-ins. */
    clientAddress: string;
    /** Set by the server from the session cookie before any loader or action runs. */
    user: SessionUser | null;
    sessionId: string | null;
  }
}
