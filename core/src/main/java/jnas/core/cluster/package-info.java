/**
 * Scale-out without a compile-time dependency: the {@link jnas.core.cluster.Cluster} contract a search's
 * {@link jnas.core.search.Backend} comes from when evaluations run on a cluster, and {@link jnas.core.cluster.Clusters},
 * which finds an implementation (the {@code spark} module) on the classpath or loads it from its jars when
 * asked, so Spark is on no JVM's classpath until a cluster is wanted.
 */
package jnas.core.cluster;
