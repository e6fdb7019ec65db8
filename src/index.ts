// The public authoring API (the DSL). Filled in by src/dsl.
export {};
