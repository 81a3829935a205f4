import type { FieldErrors } from "~/forms";
import { roles } from "~/roles";
import { FieldError } from "./ErrorSummary";

interface Props {
  departments: { id: string; name: string }[];
  managers: { id: string; name: string }[];
  errors: FieldErrors;
  values?: { role?: string; departmentId?: string | null; lineManagerId?: string | null };
}

/** Role, department and line manager: the fields shared by "add" and "change". */
export function PersonFields({ departments, managers, errors, values }: Props) {
  const described = (field: string) =>
    errors[field] ? { "aria-invalid": true as const, "aria-describedby": `${field}-error` } : {};
  return (
    <>
      <div className="field">
        <label htmlFor="role">Role</label>
        <FieldError id="role" message={errors.role} />
        <select id="role" name="role" defaultValue={values?.role ?? "staff"} {...described("role")}>
          {roles.map((role) => (
            <option key={role} value={role}>
              {role[0]?.toUpperCase()}
              {role.slice(1)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="departmentId">Department</label>
        <FieldError id="departmentId" message={errors.departmentId} />
        <select
          id="departmentId"
          name="departmentId"
          defaultValue={values?.departmentId ?? ""}
          {...described("departmentId")}
        >
          <option value="">No department</option>
          {departments.map((department) => (
            <option key={department.id} value={department.id}>
              {department.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="lineManagerId">Line manager</label>
        <FieldError id="lineManagerId" message={errors.lineManagerId} />
        <select
          id="lineManagerId"
          name="lineManagerId"
          defaultValue={values?.lineManagerId ?? ""}
          {...described("lineManagerId")}
        >
          <option value="">No line manager</option>
          {managers.map((manager) => (
            <option key={manager.id} value={manager.id}>
              {manager.name}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
