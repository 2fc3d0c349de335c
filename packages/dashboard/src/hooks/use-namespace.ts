import { useEffect, useState } from 'preact/hooks';

function fromUrl(): string {
  return new URLSearchParams(location.search).get('ns') ?? '';
}

/** The namespace shown, kept in the address (`?ns=`) so a link or a reload opens the same one. */
export function useNamespace(): [string, (namespace: string) => void] {
  const [namespace, setNamespace] = useState(fromUrl);
  useEffect(() => {
    const url = new URL(location.href);
    if (namespace === '') url.searchParams.delete('ns');
    else url.searchParams.set('ns', namespace);
    history.replaceState(null, '', url);
  }, [namespace]);
  return [namespace, setNamespace];
}
