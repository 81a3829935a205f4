// The scenario YAML editor. Server-rendered (and without JavaScript) it is a plain labelled
// textarea inside the page's save form. In the browser it becomes CodeMirror 6, loaded on
// demand: YAML highlighting, validation as you type (errors in the lint gutter and in a list
// below that names each line), and the draft saved automatically. A failed save never loses
// the text: it stays in the editor, a copy goes to this browser's storage, and the reason is
// shown with a way to try again.
import type { EditorView } from "@codemirror/view";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { Diagram } from "~/authoring/diagram";
import type { ScenarioError } from "../../simulator";

const VALIDATE_AFTER_MS = 400;
const SAVE_AFTER_MS = 1500;

export interface EditorStatus {
  revision: number;
  /** Changes typed but not saved yet. */
  dirty: boolean;
}

type SaveState =
  | { kind: "saved"; at: string | null }
  | { kind: "saving" }
  | { kind: "failed"; message: string; conflict: boolean };

interface Props {
  id: string;
  name: string;
  label: string;
  hint?: string;
  scenarioId: string;
  initialText: string;
  initialErrors: ScenarioError[];
  revision: number;
  savedAt: string | null;
  readOnly?: boolean;
  saveUrl: string;
  validateUrl: string;
  onStatus?: (status: EditorStatus) => void;
  onValidated?: (result: { errors: ScenarioError[]; diagram: Diagram | null }) => void;
}

const clock = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

function backupKey(scenarioId: string) {
  return `ready-to-post:draft:${scenarioId}`;
}

export function ScenarioEditor(props: Props) {
  const { id, name, label, hint, scenarioId, readOnly = false } = props;
  const labelId = useId();
  const errorsId = `${id}-problems`;
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const lintRef = useRef<typeof import("@codemirror/lint") | null>(null);
  const [enhanced, setEnhanced] = useState(false);
  const [text, setText] = useState(props.initialText);
  const [errors, setErrors] = useState<ScenarioError[]>(props.initialErrors);
  const [checking, setChecking] = useState(false);
  const [save, setSave] = useState<SaveState>({ kind: "saved", at: props.savedAt });
  const [backup, setBackup] = useState<{ text: string; at: string } | null>(null);
  const revisionRef = useRef(props.revision);
  const savedTextRef = useRef(props.initialText);
  const validatedTextRef = useRef(props.initialText);
  const { onStatus, onValidated } = props;

  // --- CodeMirror, in the browser only: mounted once; later text comes from the editor itself.
  // biome-ignore lint/correctness/useExhaustiveDependencies: mount once
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const [view, state, language, { yaml }, lint, commands] = await Promise.all([
        import("@codemirror/view"),
        import("@codemirror/state"),
        import("@codemirror/language"),
        import("@codemirror/lang-yaml"),
        import("@codemirror/lint"),
        import("@codemirror/commands"),
      ]);
      const host = hostRef.current;
      if (cancelled || !host) return;
      lintRef.current = lint;
      const editor = new view.EditorView({
        parent: host,
        state: state.EditorState.create({
          doc: textareaRef.current?.value ?? props.initialText,
          // CodeMirror's basic setup, less Tab-to-indent: Tab moves focus on, as in any form
          // field, so keyboard users are never trapped in the editor.
          extensions: [
            commands.history(),
            view.keymap.of([...commands.defaultKeymap, ...commands.historyKeymap]),
            view.lineNumbers(),
            view.highlightActiveLineGutter(),
            view.highlightSpecialChars(),
            view.drawSelection(),
            view.highlightActiveLine(),
            language.foldGutter(),
            language.indentOnInput(),
            language.bracketMatching(),
            language.syntaxHighlighting(language.defaultHighlightStyle, { fallback: true }),
            view.EditorView.lineWrapping,
            yaml(),
            lint.lintGutter(),
            state.EditorState.readOnly.of(readOnly),
            view.EditorView.contentAttributes.of({
              "aria-labelledby": labelId,
              "aria-describedby": errorsId,
              "aria-multiline": "true",
              role: "textbox",
            }),
            view.EditorView.updateListener.of((update) => {
              if (update.docChanged) setText(update.state.doc.toString());
            }),
          ],
        }),
      });
      viewRef.current = editor;
      setEnhanced(true);
    })();
    return () => {
      cancelled = true;
      viewRef.current?.destroy();
      viewRef.current = null;
    };
  }, []);

  // The errors, in the lint gutter and underlined in the text (again once the editor is up).
  // biome-ignore lint/correctness/useExhaustiveDependencies: enhanced marks the editor mounting
  useEffect(() => {
    const view = viewRef.current;
    const lint = lintRef.current;
    if (!view || !lint) return;
    const doc = view.state.doc;
    const diagnostics = errors.map((error) => {
      const line = doc.line(Math.min(Math.max(error.line ?? 1, 1), doc.lines));
      const from = Math.min(line.from + Math.max((error.column ?? 1) - 1, 0), line.to);
      return {
        from,
        to: Math.max(from, Math.min(line.to, from + 1)),
        severity: "error" as const,
        message: `${error.path}: ${error.message}`,
      };
    });
    view.dispatch(lint.setDiagnostics(view.state, diagnostics));
  }, [errors, enhanced]);

  // A copy kept in this browser from a save that failed earlier.
  useEffect(() => {
    try {
      const stored = window.localStorage.getItem(backupKey(scenarioId));
      if (!stored) return;
      const copy = JSON.parse(stored) as { text: string; at: string };
      if (copy.text !== props.initialText) setBackup(copy);
      else window.localStorage.removeItem(backupKey(scenarioId));
    } catch {
      // Storage may be switched off; the server's draft is the real copy anyway.
    }
  }, [scenarioId, props.initialText]);

  const dirty = text !== savedTextRef.current;
  useEffect(() => {
    onStatus?.({ revision: revisionRef.current, dirty: dirty || save.kind === "saving" });
  }, [dirty, save, onStatus]);

  // --- Validation as you type ---
  useEffect(() => {
    if (text === validatedTextRef.current) return;
    const timer = window.setTimeout(async () => {
      setChecking(true);
      try {
        const body = new FormData();
        body.set("source", text);
        body.set("scenarioId", scenarioId);
        const response = await fetch(props.validateUrl, { method: "POST", body });
        const result = (await response.json()) as {
          errors: ScenarioError[];
          diagram: Diagram | null;
        };
        validatedTextRef.current = text;
        setErrors(result.errors);
        onValidated?.(result);
      } catch {
        // Offline for a moment: the next change, or the save, tries again.
      } finally {
        setChecking(false);
      }
    }, VALIDATE_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [text, scenarioId, props.validateUrl, onValidated]);

  // --- Saving ---
  const saveNow = useCallback(
    async (overwrite = false) => {
      const sending = text;
      setSave({ kind: "saving" });
      try {
        const body = new FormData();
        body.set("intent", "save");
        body.set("source", sending);
        body.set("revision", String(revisionRef.current));
        body.set("overwrite", overwrite ? "yes" : "no");
        const response = await fetch(props.saveUrl, { method: "POST", body });
        const result = (await response.json()) as
          | { ok: true; revision: number; savedAt: string }
          | { ok: false; message: string; reason?: string };
        if (!result.ok) throw Object.assign(new Error(result.message), { reason: result.reason });
        revisionRef.current = result.revision;
        savedTextRef.current = sending;
        setSave({ kind: "saved", at: result.savedAt });
        window.localStorage.removeItem(backupKey(scenarioId));
      } catch (error) {
        const reason = (error as { reason?: string }).reason;
        const message =
          error instanceof Error && reason
            ? error.message
            : "The connection failed. Your text is still here and in this browser; it will be saved when you type again, or try now.";
        try {
          window.localStorage.setItem(
            backupKey(scenarioId),
            JSON.stringify({ text: sending, at: new Date().toISOString() }),
          );
        } catch {
          // Nothing more to do: the text is still in the editor.
        }
        setSave({ kind: "failed", message, conflict: reason === "conflict" });
      }
    },
    [text, props.saveUrl, scenarioId],
  );

  useEffect(() => {
    if (readOnly || !enhanced || !dirty || save.kind === "saving") return;
    // After a conflict, only the trainer decides whether to overwrite.
    if (save.kind === "failed" && save.conflict) return;
    const timer = window.setTimeout(() => void saveNow(), SAVE_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [dirty, enhanced, readOnly, save, saveNow]);

  function replaceText(next: string) {
    const view = viewRef.current;
    if (view) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
    else setText(next);
  }

  function goToLine(error: ScenarioError) {
    const view = viewRef.current;
    if (!view) return;
    const doc = view.state.doc;
    const line = doc.line(Math.min(Math.max(error.line ?? 1, 1), doc.lines));
    const at = Math.min(line.from + Math.max((error.column ?? 1) - 1, 0), line.to);
    view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
    view.focus();
  }

  return (
    <div className="scenario-editor">
      <label id={labelId} htmlFor={id} className="scenario-editor__label">
        {label}
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {backup ? (
        <div className="alert alert--warning" role="alert">
          <p>
            This browser kept a copy of your text from {clock.format(new Date(backup.at))} that was
            not saved.
          </p>
          <div className="actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                replaceText(backup.text);
                setBackup(null);
              }}
            >
              Put that copy back in the editor
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                window.localStorage.removeItem(backupKey(scenarioId));
                setBackup(null);
              }}
            >
              Discard the copy
            </button>
          </div>
        </div>
      ) : null}
      <textarea
        ref={textareaRef}
        id={id}
        name={name}
        className="scenario-editor__textarea"
        rows={30}
        spellCheck={false}
        readOnly={readOnly}
        hidden={enhanced}
        value={text}
        onChange={(event) => setText(event.target.value)}
        aria-describedby={`${hint ? `${id}-hint ` : ""}${errorsId}`}
        aria-invalid={errors.length > 0 ? true : undefined}
      />
      <div ref={hostRef} className="scenario-editor__code" hidden={!enhanced} />
      {!readOnly && enhanced ? (
        <div className="scenario-editor__save" role="status">
          {save.kind === "saving" ? (
            "Saving…"
          ) : save.kind === "failed" ? (
            <span className="field-error">Not saved. {save.message}</span>
          ) : dirty ? (
            "Changes not saved yet…"
          ) : save.kind === "saved" && save.at ? (
            `All changes saved at ${clock.format(new Date(save.at))}.`
          ) : (
            "No changes yet."
          )}
          {save.kind === "failed" ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void saveNow(save.conflict)}
            >
              {save.conflict ? "Save my text over theirs" : "Try saving again"}
            </button>
          ) : null}
        </div>
      ) : null}
      <div id={errorsId} className="scenario-editor__problems" aria-live="polite">
        {checking ? <p className="visually-hidden">Checking the text…</p> : null}
        {errors.length === 0 ? (
          <p>
            <span className="status status--good">No mistakes</span> The text is valid scenario
            YAML.
          </p>
        ) : (
          <>
            <h3>
              {errors.length} mistake{errors.length === 1 ? "" : "s"} in the text
            </h3>
            <ol>
              {errors.map((error) => (
                <li key={`${error.line}:${error.column}:${error.path}:${error.message}`}>
                  {enhanced ? (
                    <button type="button" className="link-button" onClick={() => goToLine(error)}>
                      {where(error)}
                    </button>
                  ) : (
                    <strong>{where(error)}</strong>
                  )}
                  : <code>{error.path}</code> {error.message}
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </div>
  );
}

function where(error: ScenarioError): string {
  if (error.line === undefined) return "Whole document";
  return `Line ${error.line}${error.column === undefined ? "" : `, column ${error.column}`}`;
}
