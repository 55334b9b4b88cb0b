/// Settings shared by the DOT, SVG and Markdown renderers.
public struct RenderOptions: Sendable, Equatable {
    /// The timeline's title: the graph label in the SVG and the H1 heading of the Markdown.
    public var title: String
    /// Where links to source documents point. `nil` makes links relative (the document id itself,
    /// percent-encoded); otherwise the document id is appended to this prefix (for example
    /// `https://example.org/corpus/` or `../corpus/`). The prefix is used as given, so it must be trusted.
    public var linkBase: String?
    /// The SVG's file name: what ``TimelineRenderer`` writes and what the Markdown embeds. A plain file name.
    public var svgFileName: String
    /// The font family for every label. The default covers Latin, Chinese, Japanese and Korean
    /// (Debian package `fonts-noto-cjk`).
    public var font: String
    /// Which events are shown, in every output.
    public var filter: EventFilter
    /// The files ``TimelineRenderer`` writes.
    public var formats: Set<OutputFormat>
    /// How the SVG is laid out.
    public var layout: LayoutMode

    /// The default font family, chosen because it covers both Latin and CJK text.
    public static let defaultFont = "Noto Sans CJK SC"

    /// Above this many events, ``LayoutMode/automatic`` lays the timeline out in Swift (linear time) instead
    /// of with Graphviz's `dot` engine (which grows much faster than linearly).
    public static let positionedLayoutThreshold = 250

    /// Creates options; every parameter has a default suitable for `timeline render`.
    /// Every setting that changes the rendered bytes, written out in a fixed order: what a build records to
    /// tell whether its outputs were made with the same options, and part of the keys of pieces rendered with
    /// them (``PieceStore``). (A `Set`'s own description changes order from run to run.)
    public var settingsKey: String {
        var parts = ["title=" + title, "link=" + (linkBase ?? "-"), "svg=" + svgFileName, "font=" + font,
                     "layout=" + layout.rawValue, "formats=" + formats.map(\.rawValue).sorted().joined(separator: ",")]
        parts += ["from=" + (filter.from?.description ?? "-"), "to=" + (filter.to?.description ?? "-"),
                  "types=" + filter.types.joined(separator: ","), "actors=" + filter.actors.joined(separator: ",")]
        return parts.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n")
    }

    public init(title: String = "Timeline", linkBase: String? = nil, svgFileName: String = "timeline.svg",
                font: String = RenderOptions.defaultFont, filter: EventFilter = EventFilter(),
                formats: Set<OutputFormat> = OutputFormat.defaults, layout: LayoutMode = .automatic) {
        self.title = title
        self.linkBase = linkBase
        self.svgFileName = svgFileName
        self.font = font
        self.filter = filter
        self.formats = formats
        self.layout = layout
    }
}

/// The files a rendering can produce.
public enum OutputFormat: String, Sendable, CaseIterable, Comparable {
    /// `timeline.dot`: the Graphviz source.
    case dot
    /// The SVG (``RenderOptions/svgFileName``).
    case svg
    /// `timeline.md`: GitHub-flavoured Markdown.
    case markdown = "md"
    /// `timeline.mermaid.md`: a Mermaid `timeline` block, which GitHub renders natively.
    case mermaid
    /// `timeline.timelinejs.json`: TimelineJS 3 JSON for an interactive web timeline.
    case timelinejs

    /// What `timeline render` writes when no `--format` is given.
    public static let defaults: Set<OutputFormat> = [.dot, .svg, .markdown]

    public static func < (a: OutputFormat, b: OutputFormat) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// How the SVG timeline is laid out.
public enum LayoutMode: String, Sendable, CaseIterable {
    /// Graphviz's `dot` engine up to ``RenderOptions/positionedLayoutThreshold`` events, positions computed in
    /// Swift above it.
    case automatic = "auto"
    /// Always Graphviz's `dot` engine: columns per period, relation edges routed around the boxes.
    case graphviz = "dot"
    /// Always positions computed in Swift (x from the date, y from stacking), drawn by Graphviz's `nop2`
    /// engine: linear in the number of events.
    case positioned
}
