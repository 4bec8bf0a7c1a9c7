/**
 * Small helpers shared by the whole library: the seeded random-number generator a search owns and
 * saves ({@link jnas.core.util.Rng}), and the one cache folder everything that is fetched or measured
 * once is kept in ({@link jnas.core.util.CacheRoot}: {@code ~/.cache/jnas}, or {@code -Djnas.cacheDir},
 * or {@code JNAS_CACHE_DIR}).
 */
package jnas.core.util;
