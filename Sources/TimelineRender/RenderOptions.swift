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

    /// The default font family, chosen because it covers both Latin and CJK text.
    public static let defaultFont = "Noto Sans CJK SC"

    /// Creates options; every parameter has a default suitable for `timeline render`.
    public init(title: String = "Timeline", linkBase: String? = nil, svgFileName: String = "timeline.svg",
                font: String = RenderOptions.defaultFont) {
        self.title = title
        self.linkBase = linkBase
        self.svgFileName = svgFileName
        self.font = font
    }
}
