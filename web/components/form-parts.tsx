import type { ComponentChildren, VNode } from 'preact';

export interface FieldError {
  /** The id of the field the message belongs to (the summary links to it). */
  field: string;
  message: string;
}

/** GOV.UK's error summary: at the top, focused by the page's script, linking to each field. */
export function ErrorSummary(props: { errors: FieldError[]; title?: string }): VNode | null {
  if (!props.errors.length) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} data-error-summary="">
      <h2 id="error-summary-title">{props.title ?? 'There is a problem'}</h2>
      <ul>
        {props.errors.map((e) => (
          <li>
            <a href={`#${e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function errorFor(errors: FieldError[], field: string): string | undefined {
  const found = errors.filter((e) => e.field === field).map((e) => e.message);
  return found.length ? found.join('. ') : undefined;
}

/** A labelled field with its hint and error message, wired with aria-describedby. */
export function Field(props: {
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  error?: string | undefined;
  children: (describedBy: string | undefined, invalid: boolean) => VNode;
  class?: string;
}): VNode {
  const ids = [props.hint ? `${props.id}-hint` : null, props.error ? `${props.id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${props.error ? ' field-error' : ''}${props.class ? ` ${props.class}` : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <span class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {props.error ? (
        <span class="error-message" id={`${props.id}-error`}>
          <span class="visually-hidden">Error: </span>
          {props.error}
        </span>
      ) : null}
      {props.children(ids, Boolean(props.error))}
    </div>
  );
}
