"""Entity extractors: each turns a document's blocks into the rows of its raw tables."""
