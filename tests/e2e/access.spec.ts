import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type APIRequestContext, expect, request, test } from "@playwright/test";
import { type Audience, mayEnter, routeAccess } from "../../app/access";
import type { Role } from "../../app/roles";
import { demoEmails, demoPassword } from "./fixtures";
import { baseURL, buildDir } from "./playwright.config";

// Walks the built Remix route manifest: every route must be declared in app/access.ts,
// and must answer each kind of visitor as its declaration says. New routes cannot escape.

interface ManifestRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  hasAction: boolean;
}

function readManifest(): Record<string, ManifestRoute> {
  const dir = fileURLToPath(new URL(`../../public/${buildDir}/`, import.meta.url));
  const file = readdirSync(dir).find((name) => /^manifest-.*\.js$/.test(name));
  if (!file) throw new Error("No Remix manifest in public/build: run the build first");
  const text = readFileSync(dir + file, "utf8");
  const json = text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1);
  return JSON.parse(json).routes;
}

const manifest = readManifest();
const childrenOf = (id: string) => Object.values(manifest).filter((r) => r.parentId === id);

/** The URL path of a route, parents first, with ":param" left for the caller to fill. */
function pathOf(route: ManifestRoute): string {
  const parts: string[] = [];
  for (
    let r: ManifestRoute | undefined = route;
    r;
    r = r.parentId ? manifest[r.parentId] : undefined
  ) {
    if (r.path) parts.unshift(r.path);
  }
  return `/${parts.join("/")}`.replace(/\/+/g, "/");
}

// Layout routes have no address of their own; every other route is visited.
const visitable = Object.values(manifest).filter((r) => r.index || childrenOf(r.id).length === 0);
const roles: Role[] = ["staff", "trainer", "manager", "admin"];

test("every route in the manifest declares who may use it, and nothing else is declared", () => {
  const declared = Object.keys(routeAccess).sort();
  expect(Object.keys(manifest).sort()).toEqual(declared);
});

test.describe("each route answers each visitor as declared", () => {
  const contexts = new Map<Role | "anonymous", APIRequestContext>();
  const params: Record<string, string> = {};
  const own: Partial<Record<Role, Record<string, string>>> = {};

  test.beforeAll(async () => {
    contexts.set("anonymous", await request.newContext({ baseURL }));
    for (const role of roles) {
      const context = await request.newContext({ baseURL });
      const response = await context.post("/login", {
        form: { email: demoEmails[role], password: demoPassword, redirectTo: "/" },
        headers: { Origin: baseURL },
        maxRedirects: 0,
      });
      expect(response.status(), `sign-in as ${role}`).toBe(302);
      contexts.set(role, context);
    }
    // A real record for each route parameter, found the way an admin would.
    const admin = contexts.get("admin") as APIRequestContext;
    const people = await (await admin.get("/admin/people?q=staff%40demo.test")).text();
    params.personId = /href="\/admin\/people\/([0-9a-f-]{36})"/.exec(people)?.[1] ?? "";
    expect(params.personId, "a person id to visit").not.toBe("");
    params.course = "staff-social-media";
    params.lesson = "trust-and-policy";
    // A built-in scenario, loaded at start-up: the authoring pages open it read-only.
    params.scenarioId = "bin-collection-abuse";
    // A quiz attempt is its owner's alone: each role starts one and visits its own.
    for (const role of roles) {
      const started = await (contexts.get(role) as APIRequestContext).post(
        "/learn/staff-social-media/quiz",
        { form: { intent: "start" }, headers: { Origin: baseURL }, maxRedirects: 0 },
      );
      expect(started.status(), `start a quiz attempt as ${role}`).toBe(302);
      own[role] = { attempt: started.headers().location?.split("/").pop() ?? "" };
    }
    params.attempt = own.staff?.attempt ?? "";
    // Certification: a programme page exists for everyone; /verify/:code? is the look-up form
    // when no code is given (a code that matches nothing is a 404, tested in certification.spec).
    params.programme = "staff-social-media-access";
    // The first revocation status list, which the signed badges name.
    params.list = "1";
    // A practice run is its trainee's own: each role starts one and visits its own.
    for (const role of roles) {
      const started = await (contexts.get(role) as APIRequestContext).post("/practice", {
        form: { intent: "start", scenario: "gritters-compliment", mode: "practice" },
        headers: { Origin: baseURL },
        maxRedirects: 0,
      });
      expect(started.status(), `start a practice run as ${role}`).toBe(302);
      const runId = started.headers().location?.split("/").pop() ?? "";
      own[role] = { ...own[role], runId };
    }
    params.runId = own.staff?.runId ?? "";
  });

  test.afterAll(async () => {
    for (const context of contexts.values()) await context.dispose();
  });

  const fill = (path: string, visitor: Role | "anonymous" = "admin") =>
    path.replace(
      /:(\w+)/g,
      (_, name: string) =>
        (visitor === "anonymous" ? undefined : own[visitor]?.[name]) ?? params[name] ?? "",
    );

  for (const route of visitable) {
    const audience: Audience = routeAccess[route.id as keyof typeof routeAccess];
    test(`${route.id} (${pathOf(route)})`, async () => {
      const path = fill(pathOf(route));
      for (const visitor of ["anonymous", ...roles] as const) {
        const context = contexts.get(visitor) as APIRequestContext;
        const address = fill(pathOf(route), visitor);
        const response = await context.get(address, { maxRedirects: 0 });
        const role = visitor === "anonymous" ? null : visitor;
        const where = `GET ${address} as ${visitor}`;
        const location = response.headers().location ?? "";
        if (mayEnter(role, audience)) {
          expect(response.status() < 400, `${where}: allowed, got ${response.status()}`).toBe(true);
          expect(location, `${where}: allowed, not sent to sign-in`).not.toMatch(/^\/login/);
        } else if (!role) {
          expect(response.status(), where).toBe(302);
          expect(location, where).toMatch(/^\/login(\?redirectTo=|$)/);
        } else {
          expect(response.status(), where).toBe(403);
        }
      }
      // State changes need this site's Origin, whoever asks.
      const forged = await (contexts.get("admin") as APIRequestContext).post(path, {
        form: { intent: "anything" },
        headers: { Origin: "https://attacker.example" },
        maxRedirects: 0,
      });
      expect(forged.status(), `POST ${path} from another site`).toBe(403);
    });
  }

  test("a record that does not exist is a 404, whoever may open the route", async () => {
    const admin = contexts.get("admin") as APIRequestContext;
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-an-id"]) {
      const response = await admin.get(`/admin/people/${id}`, { maxRedirects: 0 });
      expect(response.status(), `/admin/people/${id}`).toBe(404);
    }
  });
});
