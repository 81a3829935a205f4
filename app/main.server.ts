// The process that serves the app: `tsx app/main.server.ts` after `remix build` and setup.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import { isSameOriginRequest } from "./auth/origin";
import { authenticate } from "./auth/session.server";
import { sweepCertificates, sweepEveryMs } from "./certification/sweep.server";
import { database } from "./db.server";
import { env } from "./env.server";

const build: ServerBuild = await import(
  pathToFileURL(path.resolve(env.BUILD_DIR, "index.js")).href
);

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", env.TRUST_PROXY);
app.use(compression());
// Fingerprinted assets can be cached forever; the rest of public/ for an hour.
app.use("/build", express.static(`public/${env.BUILD_DIR}`, { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
if (env.NODE_ENV !== "test") app.use(morgan("tiny"));

// Every state-changing request must come from this site: one check for all routes.
app.use((req, res, next) => {
  if (isSameOriginRequest(req.method, { origin: req.get("origin"), host: req.get("host") })) {
    next();
    return;
  }
  res.status(403).type("text/plain").send("Refused: this request did not come from this site.");
});

// Sessions are validated once per request, here, and handed to loaders and actions.
app.use(async (req, res, next) => {
  try {
    const auth = await authenticate(req.get("cookie"));
    if (auth.cookie) res.append("Set-Cookie", auth.cookie);
    res.locals.auth = auth;
    next();
  } catch (error) {
    next(error);
  }
});

app.all(
  "*",
  createRequestHandler({
    build,
    mode: env.NODE_ENV === "production" ? "production" : "development",
    getLoadContext: (req, res) => ({
      clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
      user: res.locals.auth.user,
      sessionId: res.locals.auth.session?.id ?? null,
    }),
  }),
);

const server = app.listen(env.PORT, env.HOST, () => {
  console.log(`Ready to Post is serving http://localhost:${env.PORT}`);
});

// Reminders and the audit of expiries must not wait for someone to open a page.
const sweep = setInterval(() => {
  sweepCertificates().catch((error: unknown) => console.error("Certificate sweep failed:", error));
}, sweepEveryMs);
sweep.unref();

// Close the database cleanly so PGlite's files are consistent and postgres.js lets go.
let stopping = false;
function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: closing`);
  clearInterval(sweep);
  server.close();
  database.close().finally(() => process.exit(0));
  setTimeout(() => process.exit(1), 8000).unref();
}
process.once("SIGTERM", () => stop("SIGTERM"));
process.once("SIGINT", () => stop("SIGINT"));
