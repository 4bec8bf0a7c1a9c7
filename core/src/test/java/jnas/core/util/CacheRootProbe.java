package jnas.core.util;

/** Prints {@link CacheRoot#root()}; run in a child JVM by {@link CacheRootTest}. */
final class CacheRootProbe {
    public static void main(String[] args) {
        System.out.println(CacheRoot.root());
    }
}
