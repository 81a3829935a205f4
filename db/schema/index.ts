// The whole schema, one file per area. drizzle-kit reads every file in this folder.

export * from "./authoring";
export * from "./certification";
export * from "./learning";
export * from "./people";
export * from "./practice";
