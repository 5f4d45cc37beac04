import type { ReactNode } from "react";

/**
 * A GET form of filters: its fields go into the URL, so a filtered page can be shared and the server
 * renders it. Used by the report, audit and map pages.
 */
export function FilterForm({ submitLabel, children, extra }: { submitLabel: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <form className="card flex flex-wrap items-end gap-3 print:hidden" method="get">
      {children}
      <button type="submit" className="btn-primary">
        {submitLabel}
      </button>
      {extra}
    </form>
  );
}

export function SelectFilter({ name, label, options, value, emptyLabel }: { name: string; label: string; options: { value: string; label: string }[]; value?: string; emptyLabel: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <select id={name} name={name} className="input" defaultValue={value ?? ""}>
        <option value="">{emptyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TextFilter({ name, label, value }: { name: string; label: string; value?: string }) {
  return (
    <div className="min-w-56 flex-1 space-y-1">
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <input id={name} name={name} className="input" defaultValue={value ?? ""} />
    </div>
  );
}
