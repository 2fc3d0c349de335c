/** The read queries the registry answers on `<prefix>.v1.<ns>.query.<name>`. */
export type QueryName = 'workers' | 'worker' | 'pools' | 'place';
