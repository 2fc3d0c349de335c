import { useState } from 'preact/hooks';

export interface TokenFormProps {
  token: string | null;
  /** The page asks for one: a read answered 401, or a write was tried without one. */
  wanted: boolean;
  onChange: (token: string | null) => void;
}

/** The API token this browser sends as `Authorization: Bearer` (kept in localStorage), or the form to give one. */
export function TokenForm({ token, wanted, onChange }: TokenFormProps) {
  const [draft, setDraft] = useState('');
  if (token !== null) {
    return (
      <div class="token">
        <span class="muted">Using a token</span>
        <button type="button" onClick={() => onChange(null)}>
          Forget token
        </button>
      </div>
    );
  }
  return (
    <form
      class={wanted ? 'token wanted' : 'token'}
      onSubmit={(event) => {
        event.preventDefault();
        if (draft.trim() !== '') onChange(draft.trim());
        setDraft('');
      }}
    >
      <label class="field">
        {wanted ? 'A token is needed' : 'Token (for writes)'}
        <input
          id="token"
          type="password"
          autocomplete="off"
          placeholder="paste an API token"
          value={draft}
          onInput={(event) => setDraft(event.currentTarget.value)}
        />
      </label>
      <button type="submit">Use token</button>
    </form>
  );
}
