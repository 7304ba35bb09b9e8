package dev.asyncio4j.internal;

/**
 * Keeps this package non-empty so that module-info can export it (to the SDK's own modules only) before the shared
 * internals (issue 10, the Future core; issue 13, streams) land here. Delete it once the package holds a real class.
 * The package's documentation (package-info.java) comes with those internals.
 */
final class PackageAnchor {
    private PackageAnchor() {}
}
