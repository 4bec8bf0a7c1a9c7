/**
 * A miniature GLUE on the Brown corpus: three downstream tasks for BERT-style encoders
 * ({@link jnas.core.model.Encoder}), each fine-tuned from a pre-trained encoder (or from random
 * initialisation, for the comparison) with a fresh head, seeded.
 *
 * <table>
 *   <caption>The tasks ({@link jnas.core.glue.Tasks})</caption>
 *   <tr><th>task</th><th>kind</th><th>input</th><th>metric</th><th>baseline</th></tr>
 *   <tr><td>{@code pos}</td><td>token classification, 12 universal tags</td><td>{@code [CLS] sentence [SEP]}, truncated</td>
 *       <td>accuracy over word positions</td><td>each word's most frequent tag in train</td></tr>
 *   <tr><td>{@code genre}</td><td>sequence classification, 15 genres</td><td>{@code [CLS]} + 62 contiguous words of one document + {@code [SEP]}</td>
 *       <td>accuracy (and macro-F1)</td><td>the majority class of train</td></tr>
 *   <tr><td>{@code same-doc}</td><td>sentence pair (as MRPC, QQP), 2 classes</td><td>{@code [CLS] a [SEP] b [SEP]}, 30-word windows, token types 0 / 1</td>
 *       <td>accuracy (balanced)</td><td>0.5</td></tr>
 * </table>
 *
 * <p>Examples come from a {@link jnas.core.data.WordSplit} by document: each part's from that part's
 * documents only, drawn with a generator seeded by (seed, task, part) ({@link jnas.core.glue.GlueTask#data});
 * counts are {@link jnas.core.glue.Sizes} ({@code DEFAULT} 1000 / 200 / 200, {@code QUICK} 4000 / 400 / 400).
 * {@link jnas.core.glue.FineTuning} copies the pre-trained weights into a fresh encoder, adds the head and
 * trains with {@link jnas.core.train.TrainConfig}'s AdamW and schedule for a fixed budget, then scores dev and
 * test ({@link jnas.core.glue.TaskResult}). {@link jnas.core.glue.Glue} draws all tasks, fine-tunes on each and
 * makes the tables; {@link jnas.core.glue.GlueEvaluator} ({@code brown-glue}) is the whole measurement as an
 * engine {@link jnas.core.search.Evaluator}: pre-training (cached by content) and the three fine-tunings of an
 * {@link jnas.core.model.EncoderConfig}.
 *
 * <pre>{@code
 * BrownWords brown = BrownWords.load();
 * List<TaskData> data = Glue.data(brown.split(), brown.vocab(), Sizes.DEFAULT, Glue.DEFAULT_SEQ_LEN, 1);
 * EncoderConfig config = EncoderConfig.homogeneous(brown.vocab().size(), 64, 2, 32, 2, 64);
 * List<TaskResult> scratch = Glue.fineTune(config, null, data, FineTuning.defaults(), null);
 * Glue.resultsTable(List.of(Glue.baselineRow(scratch), Glue.row("2 x 32, random init", config, 64, scratch)), "dev");
 *
 * Measurement m = Registry.evaluator("brown-glue").evaluate(config.toJson(),
 *         GlueEvaluator.Spec.defaults(brown.vocab()).toJson(), ProgressListener.NONE);
 * m.value("glue_avg");
 * }</pre>
 */
package jnas.core.glue;
