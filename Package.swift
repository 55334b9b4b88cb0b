// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "timeline",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "timeline", targets: ["timeline"]),
        .library(name: "TimelineKit", targets: [
            "TimelineModel", "TimelineCorpus", "TimelineTemporal", "TimelineExtraction", "TimelineGraph",
            "TimelineRender", "TimelineBuild",
        ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // Stage 0: the event graph, EDTF dates, events.json encoding. No dependencies.
        .target(name: "TimelineModel"),
        // Stage 1: reading a corpus folder into documents (txt, Markdown with front matter, HTML).
        .target(name: "TimelineCorpus", dependencies: [
            "TimelineModel",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Stage 2a: the temporal tagger (TIMEX3 in English and Chinese); its rules are resource files.
        .target(name: "TimelineTemporal", dependencies: ["TimelineModel"], resources: [.copy("Resources")]),
        // Stage 2b: event extraction around the dates; lexicons are resource files.
        .target(name: "TimelineExtraction", dependencies: ["TimelineModel", "TimelineCorpus", "TimelineTemporal"],
                resources: [.copy("Resources")]),
        // Stage 3: from extracted mentions to the event graph (ids, merging, relations, order).
        .target(name: "TimelineGraph", dependencies: ["TimelineModel", "TimelineExtraction"]),
        // Stage 4: DOT, SVG (libgvc in-process) and Markdown.
        .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc",
                       providers: [.apt(["libgraphviz-dev"])]),
        .target(name: "TimelineRender", dependencies: [
            "TimelineModel", "CGraphviz", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Regeneration: the per-document extraction cache, the build lock, staleness checks, watching.
        .target(name: "TimelineBuild", dependencies: [
            "TimelineModel", "TimelineCorpus", "TimelineExtraction", "TimelineGraph", "TimelineRender",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The thin command-line front end.
        .executableTarget(name: "timeline", dependencies: [
            "TimelineModel", "TimelineCorpus", "TimelineTemporal", "TimelineExtraction", "TimelineGraph",
            "TimelineRender", "TimelineBuild",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Benchmarks (release build): print their figures; see BENCHMARKS.md.
        .executableTarget(name: "timeline-bench-render", dependencies: ["TimelineModel", "TimelineRender"]),
        .executableTarget(name: "timeline-bench", dependencies: ["TimelineTemporal", "TimelineModel", "TimelineCorpus",
                                                            "TimelineExtraction"],
                          path: "Sources/timeline-bench"),
        .testTarget(name: "TimelineModelTests", dependencies: ["TimelineModel"], exclude: ["Fixtures"]),
        .testTarget(name: "TimelineCorpusTests", dependencies: ["TimelineCorpus"], exclude: ["Fixtures"]),
        .testTarget(name: "TimelineTemporalTests", dependencies: ["TimelineTemporal", "TimelineModel"]),
        .testTarget(name: "TimelineExtractionTests", dependencies: ["TimelineExtraction", "TimelineCorpus", "TimelineModel"]),
        .testTarget(name: "TimelineGraphTests", dependencies: ["TimelineGraph", "TimelineCorpus", "TimelineModel"], exclude: ["Fixtures"]),
        .testTarget(name: "TimelineRenderTests", dependencies: ["TimelineRender", "TimelineModel"],
                    exclude: ["Fixtures", "Golden"]),
        .testTarget(name: "TimelineBuildTests", dependencies: ["TimelineBuild", "TimelineModel"]),
        .testTarget(name: "TimelineEndToEndTests", dependencies: ["TimelineModel"], exclude: ["Fixtures"]),
    ]
)
