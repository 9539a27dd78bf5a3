/** Longest sentence a text corpus yields: longer lines are cut into pieces of this many tokens (gensim's rule). */
export const MAX_SENTENCE_TOKENS = 10_000;

/** Longest token accepted (characters): a longer run without white space is not text split into words. */
export const MAX_TOKEN_CHARS = 1 << 20;
