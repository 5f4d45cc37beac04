"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import type { Taxonomy, TaxonomyNode } from "@/db/queries/reference";
import { educationLevels, type EducationLevel } from "@/db/schema-enums";
import { useT } from "./i18n";

export type { Taxonomy };

interface PickerNode {
  code: string;
  name: string;
  level: string;
  hasChildren: boolean;
  educationLevel?: EducationLevel;
}

export interface TreePickerProps {
  taxonomy: Taxonomy;
  value: string | null | undefined;
  onChange: (code: string | null) => void;
  /** Which nodes may be chosen; the others can only be opened. Defaults to leaves. */
  canSelect?: (node: { level: string; hasChildren: boolean }) => boolean;
  /** Specialties only: fix the education level instead of letting the user choose it first. */
  educationLevel?: EducationLevel;
  id?: string;
  invalid?: boolean;
  describedBy?: string;
  /** Shown on the button when nothing is chosen. */
  placeholder?: string;
  /** "add" mode: the button reads as an action and the value is not shown (for multi-select lists). */
  mode?: "single" | "add";
  allowClear?: boolean;
}

const leavesOnly = (node: { hasChildren: boolean }) => !node.hasChildren;

/**
 * Cascading picker for the reference taxonomies (region, specialty, industry): one column per level,
 * searchable by name or code. On a phone only the deepest column shows, with a way back up.
 */
export function TreePicker(props: TreePickerProps) {
  const { taxonomy, value, onChange, canSelect = leavesOnly, mode = "single" } = props;
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const generatedId = useId();
  const id = props.id ?? generatedId;
  const panelId = `${id}-panel`;
  const [open, setOpen] = useState(false);
  const [path, setPath] = useState<PickerNode[]>([]);
  const [query, setQuery] = useState("");
  const wrapper = useRef<HTMLDivElement>(null);
  const searchInput = useRef<HTMLInputElement>(null);

  const selected = useQuery({
    ...trpc.reference.paths.queryOptions({ taxonomy, codes: value ? [value] : [] }),
    enabled: !!value && mode === "single",
  });
  const selectedPath = value ? selected.data?.[value] : undefined;
  // Industry paths repeat names from level to level (汽车制造业 / … / 汽车零部件及配件制造): show the leaf and its code.
  const leaf = selectedPath?.at(-1);
  const selectedLabel = taxonomy === "industry" && leaf ? t("common.withCode", { name: leaf.name, code: leaf.code }) : selectedPath?.map((p) => p.name).join(" / ");

  useEffect(() => {
    if (!open) return;
    searchInput.current?.focus();
    const onPointer = (e: PointerEvent) => {
      if (wrapper.current && !wrapper.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  // Specialties start with the education level unless it is fixed; it is a virtual first column.
  const levelRoots: PickerNode[] | null =
    taxonomy === "specialty" && !props.educationLevel
      ? educationLevels.map((l) => ({ code: l, name: t(`level.${l}`), level: "educationLevel", hasChildren: true, educationLevel: l }))
      : null;

  const choose = (node: PickerNode) => {
    onChange(node.code);
    setOpen(false);
    setQuery("");
    if (mode === "add") setPath([]);
  };

  const openNode = (node: PickerNode, depth: number) => {
    setPath([...path.slice(0, depth), node]);
  };

  /** Opens the tree at a search hit that cannot be chosen itself (e.g. a province when counties are wanted). */
  const revealInTree = async (code: string) => {
    const paths = await queryClient.fetchQuery(trpc.reference.paths.queryOptions({ taxonomy, codes: [code] }));
    const nodes = (paths[code] ?? []).map((p) => ({ ...p, level: "", hasChildren: true }));
    const level = taxonomy === "specialty" ? specialtyLevelOf(code) : undefined;
    setPath(levelRoots && level ? [levelRoots.find((l) => l.code === level)!, ...nodes] : nodes);
    setQuery("");
  };

  const buttonText = mode === "add" ? (props.placeholder ?? t("picker.choose")) : (selectedLabel ?? (value ? value : (props.placeholder ?? t("picker.choose"))));

  return (
    <div ref={wrapper} className="relative" onKeyDown={(e) => e.key === "Escape" && open && (e.stopPropagation(), setOpen(false))}>
      <div className="flex gap-2">
        <button
          type="button"
          id={id}
          className={`input flex items-center justify-between text-left ${!value || mode === "add" ? "text-slate-600" : ""}`}
          aria-haspopup="dialog"
          aria-expanded={open}
          aria-controls={panelId}
          aria-invalid={props.invalid || undefined}
          aria-describedby={props.describedBy}
          onClick={() => setOpen(!open)}
        >
          <span className="min-w-0 truncate" title={selectedPath?.map((p) => p.name).join(" / ")}>
            {buttonText}
          </span>
          <span aria-hidden="true" className="ml-2 text-slate-500">
            ▾
          </span>
        </button>
        {props.allowClear && value && mode === "single" && (
          <button type="button" className="btn-secondary whitespace-nowrap px-3" onClick={() => onChange(null)}>
            {t("picker.clear")}
          </button>
        )}
      </div>
      {open && (
        <div
          id={panelId}
          role="dialog"
          aria-label={t(taxonomy === "region" ? "picker.region" : taxonomy === "specialty" ? "picker.specialty" : "picker.industry")}
          className="absolute left-0 z-30 mt-1 w-[min(48rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-3 shadow-lg"
        >
          <div className="flex gap-2">
            <input
              ref={searchInput}
              type="search"
              className="input"
              placeholder={t("picker.search")}
              aria-label={t("picker.search")}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
            <button type="button" className="btn-secondary whitespace-nowrap" onClick={() => setOpen(false)}>
              {t("picker.close")}
            </button>
          </div>
          {query.trim() ? (
            <SearchResults
              taxonomy={taxonomy}
              query={query.trim()}
              educationLevel={props.educationLevel}
              canSelect={canSelect}
              onChoose={choose}
              onReveal={(code) => void revealInTree(code)}
            />
          ) : (
            <div className="mt-3">
              {path.length > 0 && (
                <button type="button" className="mb-2 text-sm text-brand-700 sm:hidden" onClick={() => setPath(path.slice(0, -1))}>
                  ← {t("picker.back")}
                </button>
              )}
              <div className="flex max-h-72 gap-2 overflow-x-auto">
                {levelRoots ? (
                  <StaticColumn nodes={levelRoots} active={path[0]?.code} hidden={path.length > 0} onOpen={(n) => openNode(n, 0)} />
                ) : (
                  <Column
                    taxonomy={taxonomy}
                    parentCode={null}
                    educationLevel={props.educationLevel}
                    active={path[0]?.code}
                    hidden={path.length > 0}
                    canSelect={canSelect}
                    value={value}
                    onOpen={(n) => openNode(n, 0)}
                    onChoose={choose}
                  />
                )}
                {path.map((node, depth) =>
                  node.hasChildren ? (
                    <Column
                      key={node.code}
                      taxonomy={taxonomy}
                      parentCode={levelRoots && depth === 0 ? null : node.code}
                      educationLevel={levelRoots && depth === 0 ? node.educationLevel : props.educationLevel}
                      active={path[depth + 1]?.code}
                      hidden={depth < path.length - 1}
                      canSelect={canSelect}
                      value={value}
                      onOpen={(n) => openNode(n, depth + 1)}
                      onChoose={choose}
                    />
                  ) : null,
                )}
              </div>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

function specialtyLevelOf(code: string): EducationLevel {
  const group = Number(code.slice(0, 2));
  return group >= 61 ? "secondary" : group >= 41 ? "higher_vocational" : "vocational_bachelor";
}

function StaticColumn(props: { nodes: PickerNode[]; active?: string; hidden: boolean; onOpen: (n: PickerNode) => void }) {
  return (
    <ul className={`w-full shrink-0 space-y-0.5 overflow-y-auto sm:w-48 ${props.hidden ? "hidden sm:block" : ""}`}>
      {props.nodes.map((n) => (
        <li key={n.code}>
          <NodeButton node={n} active={props.active === n.code} selectable={false} onOpen={props.onOpen} onChoose={() => undefined} />
        </li>
      ))}
    </ul>
  );
}

function Column(props: {
  taxonomy: Taxonomy;
  parentCode: string | null;
  educationLevel?: EducationLevel;
  active?: string;
  hidden: boolean;
  value: string | null | undefined;
  canSelect: (node: { level: string; hasChildren: boolean }) => boolean;
  onOpen: (n: PickerNode) => void;
  onChoose: (n: PickerNode) => void;
}) {
  const t = useT();
  const trpc = useTRPC();
  const children = useQuery(
    trpc.reference.children.queryOptions({ taxonomy: props.taxonomy, parentCode: props.parentCode, educationLevel: props.educationLevel }, { staleTime: Infinity }),
  );
  return (
    <ul className={`w-full shrink-0 space-y-0.5 overflow-y-auto sm:w-56 ${props.hidden ? "hidden sm:block" : ""}`}>
      {children.isPending && <li className="px-2 py-1 text-sm text-slate-600">{t("common.loading")}</li>}
      {children.data?.map((n: TaxonomyNode) => (
        <li key={n.code}>
          <NodeButton node={n} active={props.active === n.code} chosen={props.value === n.code} selectable={props.canSelect(n)} onOpen={props.onOpen} onChoose={props.onChoose} />
        </li>
      ))}
    </ul>
  );
}

function NodeButton(props: { node: PickerNode; active: boolean; chosen?: boolean; selectable: boolean; onOpen: (n: PickerNode) => void; onChoose: (n: PickerNode) => void }) {
  const t = useT();
  const { node } = props;
  return (
    <div className={`flex items-center rounded ${props.active ? "bg-brand-50" : ""} ${props.chosen ? "ring-1 ring-brand-600" : ""}`}>
      <button
        type="button"
        className="flex min-w-0 flex-1 items-center justify-between gap-1 px-2 py-1.5 text-left text-sm hover:bg-slate-100"
        title={`${node.code} ${node.name}`}
        onClick={() => (node.hasChildren ? props.onOpen(node) : props.selectable && props.onChoose(node))}
        aria-label={node.hasChildren ? `${t("common.withCode", { name: node.name, code: node.code })}›` : t("common.withCode", { name: node.name, code: node.code })}
      >
        <span className="truncate">{node.name}</span>
        {node.hasChildren && (
          <span aria-hidden="true" className="shrink-0 text-slate-500">
            ›
          </span>
        )}
      </button>
      {node.hasChildren && props.selectable && (
        <button type="button" className="shrink-0 rounded px-2 py-1 text-xs text-brand-700 hover:bg-brand-100" onClick={() => props.onChoose(node)} aria-label={`${t("picker.pick")} ${node.name}`}>
          {t("picker.pick")}
        </button>
      )}
    </div>
  );
}

function SearchResults(props: {
  taxonomy: Taxonomy;
  query: string;
  educationLevel?: EducationLevel;
  canSelect: (node: { level: string; hasChildren: boolean }) => boolean;
  onChoose: (n: PickerNode) => void;
  onReveal: (code: string) => void;
}) {
  const t = useT();
  const trpc = useTRPC();
  const results = useQuery(trpc.reference.search.queryOptions({ taxonomy: props.taxonomy, query: props.query, educationLevel: props.educationLevel, limit: 30 }));
  return (
    <ul className="mt-3 max-h-72 space-y-0.5 overflow-y-auto" aria-live="polite">
      {results.isPending && <li className="px-2 py-1 text-sm text-slate-600">{t("common.loading")}</li>}
      {results.data?.length === 0 && <li className="px-2 py-1 text-sm text-slate-600">{t("picker.noResults")}</li>}
      {results.data?.map((r) => {
        const node: PickerNode = r;
        const selectable = props.canSelect(node);
        return (
          <li key={r.code}>
            <button
              type="button"
              className="flex w-full items-center justify-between gap-2 rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100"
              onClick={() => (selectable ? props.onChoose(node) : props.onReveal(r.code))}
            >
              <span>
                {r.name}
                {r.educationLevel && <span className="ml-2 text-xs text-slate-600">{t(`level.${r.educationLevel}`)}</span>}
              </span>
              <span className="font-mono text-xs text-slate-600">{r.code}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
