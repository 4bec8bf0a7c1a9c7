/**
 * Training DJL language models for a step budget and measuring them
 * ({@link jnas.core.train.Trainer}, {@link jnas.core.train.TrainConfig},
 * {@link jnas.core.train.TrainResult}), and masked-LM pre-training of encoders
 * ({@link jnas.core.train.MlmTrainer} with BERT's {@link jnas.core.train.MlmMasking}; pre-trained
 * encoders are cached by content under the cache root).
 *
 * <pre>{@code
 * TrainConfig config = TrainConfig.builder().steps(500).batchSize(32).seqLen(128).learningRate(1e-3f).build();
 * TrainResult result = Trainer.train(vocab -> myModel(vocab), data, config,
 *         p -> System.out.printf("step %d loss %.3f%n", p.step(), p.trainLoss()));
 * result.validLoss(); result.bitsPerChar(); result.curveTable();
 * }</pre>
 */
package jnas.core.train;
