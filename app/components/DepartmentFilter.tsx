/** The "Department" filter of a list of people: every department, or one of these. */
export function DepartmentFilter({
  departments,
  selected,
}: {
  departments: readonly { id: string; name: string }[];
  selected: string;
}) {
  return (
    <div className="field">
      <label htmlFor="department">Department</label>
      <select id="department" name="department" defaultValue={selected}>
        <option value="">Every department</option>
        {departments.map((department) => (
          <option key={department.id} value={department.id}>
            {department.name}
          </option>
        ))}
      </select>
    </div>
  );
}
