import Foundation
import TimelineModel

/// Renders an event graph to the three timeline files: `timeline.dot`, the SVG (``RenderOptions/svgFileName``,
/// `timeline.svg` by default) and `timeline.md`.
public struct TimelineRenderer: Sendable {
    /// Title, font, link and file-name settings.
    public var options: RenderOptions
    /// Turns DOT into SVG; ``GraphvizRenderer/renderSVG(dot:)`` except in tests.
    let svgRenderer: @Sendable (String) throws -> Data

    /// The name of the DOT file written next to the SVG.
    public static let dotFileName = "timeline.dot"
    /// The name of the Markdown file written next to the SVG.
    public static let markdownFileName = "timeline.md"

    /// Creates a renderer with the given options.
    public init(options: RenderOptions = RenderOptions()) {
        self.init(options: options, svgRenderer: { try GraphvizRenderer.renderSVG(dot: $0) })
    }

    init(options: RenderOptions, svgRenderer: @escaping @Sendable (String) throws -> Data) {
        self.options = options
        self.svgRenderer = svgRenderer
    }

    /// Renders `graph` and writes the DOT, SVG and Markdown files into `outputDir` (created if needed), each
    /// atomically; a file that already holds the same bytes is left untouched. All three are rendered in
    /// memory first, so when Graphviz fails nothing is written.
    /// - Returns: The URLs of the DOT, SVG and Markdown files, in that order.
    /// - Throws: ``TimelineError/invalidArgument(_:)`` for an SVG file name that is not a plain file name,
    ///   ``TimelineError/graphviz(message:)`` when Graphviz fails, ``TimelineError/writeFailed(path:reason:)``.
    @discardableResult
    public func render(_ graph: EventGraph, to outputDir: URL) throws -> [URL] {
        let svgName = options.svgFileName
        guard !svgName.isEmpty, svgName != ".", svgName != "..", !svgName.contains("/"),
              !svgName.unicodeScalars.contains(where: { $0.value < 0x20 }),
              svgName != Self.dotFileName, svgName != Self.markdownFileName else {
            throw TimelineError.invalidArgument(
                "invalid SVG file name '\(svgName)': give a plain file name such as timeline.svg, "
                    + "other than \(Self.dotFileName) and \(Self.markdownFileName)")
        }
        let dot = DOTEncoder(options: options).encode(graph)
        let svg = try svgRenderer(dot)
        let markdown = MarkdownRenderer(options: options).render(graph)

        let files = [
            (outputDir.appendingPathComponent(Self.dotFileName), Data(dot.utf8)),
            (outputDir.appendingPathComponent(svgName), svg),
            (outputDir.appendingPathComponent(Self.markdownFileName), Data(markdown.utf8)),
        ]
        for (url, data) in files {
            try AtomicFile.write(data, to: url)
        }
        return files.map(\.0)
    }
}
