import { useEffect } from 'preact/hooks';
import type { ApiClient } from '../api/api-client';
import { NamespacesReply } from '../api/replies';
import { useResource } from '../hooks/use-resource';

export interface NamespacePickerProps {
  api: ApiClient;
  namespace: string;
  revision: number;
  onChange: (namespace: string) => void;
}

/** Picks the namespace every panel shows: the ones with pools or runners (the first by default), or any name typed in. */
export function NamespacePicker({ api, namespace, revision, onChange }: NamespacePickerProps) {
  const known = useResource((signal) => api.read('/v1/namespaces', NamespacesReply, signal), [api], revision);
  const names = known.state === 'ready' ? known.data.namespaces : [];
  const first = names[0];
  // Nothing picked yet: show the first namespace rather than an empty page.
  useEffect(() => {
    if (namespace === '' && first !== undefined) onChange(first);
  }, [namespace, first, onChange]);
  return (
    <label class="field">
      Namespace
      <input
        id="namespace"
        list="namespaces"
        value={namespace}
        placeholder={names.length === 0 ? 'no namespaces yet' : 'pick one'}
        pattern="[A-Za-z0-9_\-]{1,64}"
        onChange={(event) => onChange(event.currentTarget.value.trim())}
      />
      <datalist id="namespaces">
        {names.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </label>
  );
}
