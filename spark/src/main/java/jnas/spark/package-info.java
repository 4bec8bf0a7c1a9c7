/**
 * Candidates evaluated on an Apache Spark cluster, the notebook (or any JVM running a search) as the
 * driver: {@link jnas.spark.SparkBackend} runs each candidate of a batch as a one-task Spark job whose
 * executor makes the same evaluator from its name (or receives a notebook's own evaluator, serialized),
 * {@link jnas.spark.Standalone} starts a standalone master and one-core workers on this machine from the
 * installed jars, and {@link jnas.spark.SparkClusters} is the {@link jnas.core.cluster.Cluster.Factory} the
 * magics find.
 */
package jnas.spark;
