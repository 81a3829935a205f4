export { type Role, roles } from "../db/roles";
