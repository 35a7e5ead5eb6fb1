package io.sentinelrisk.core.export.format;

import io.sentinelrisk.core.ProductVersion;

/** How the product names itself to receivers (vendor and product fields of the formats). */
final class Product {
    static final String NAME = "SentinelRisk";
    static final String VENDOR = "SentinelRisk";

    private Product() {
    }

    static String version() {
        return ProductVersion.get();
    }
}
