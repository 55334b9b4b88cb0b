import Foundation
import TimelineModel

/// Renders an event graph to the timeline files: `timeline.dot`, the SVG (``RenderOptions/svgFileName``,
/// `timeline.svg` by default) and `timeline.md` by default, and on request `timeline.mermaid.md` and
/// `timeline.timelinejs.json` (``RenderOptions/formats``); and injects timelines into Markdown documents.
///
/// ``RenderOptions/filter`` applies to every output. Above ``RenderOptions/positionedLayoutThreshold`` events
/// (with ``LayoutMode/automatic``) the DOT carries positions computed in Swift and the SVG is drawn with
/// Graphviz's `nop2` engine, in linear time; below it Graphviz's `dot` engine lays it out.
public struct TimelineRenderer: Sendable {
    /// Title, font, link, file-name, filter, format and layout settings.
    public var options: RenderOptions
    /// Where rendered pieces (SVG tiles and frame, timeline.dot parts, Markdown sections) are kept between
    /// renderings (none by default).
    public var pieces: PieceStore?
    /// The digests of the rendered graph's events, when already made (see ``EventDigest/Memo``): a memo made
    /// for the very graph passed to ``files(for:in:threads:extra:)``, never another.
    public var digests: EventDigest.Memo?
    /// Turns DOT into SVG with the given engine; ``GraphvizRenderer/renderSVG(dot:engine:)`` except in tests.
    let svgRenderer: @Sendable (String, GraphvizRenderer.Engine) throws -> Data

    /// The name of the DOT file written next to the SVG.
    public static let dotFileName = "timeline.dot"
    /// The name of the Markdown file written next to the SVG.
    public static let markdownFileName = "timeline.md"
    /// The name of the Mermaid file (a Markdown file holding one ```` ```mermaid ```` block).
    public static let mermaidFileName = "timeline.mermaid.md"
    /// The name of the TimelineJS 3 JSON file.
    public static let timelineJSFileName = "timeline.timelinejs.json"

    /// Creates a renderer with the given options.
    public init(options: RenderOptions = RenderOptions()) {
        self.init(options: options, svgRenderer: { try GraphvizRenderer.renderSVG(dot: $0, engine: $1) })
    }

    init(options: RenderOptions, svgRenderer: @escaping @Sendable (String, GraphvizRenderer.Engine) throws -> Data) {
        self.options = options
        self.svgRenderer = svgRenderer
    }

    /// Whether the SVG of `graph` (already filtered) is laid out in Swift rather than by Graphviz's `dot`.
    public func usesPositionedLayout(_ graph: EventGraph) -> Bool {
        switch options.layout {
        case .graphviz: return false
        case .positioned: return true
        case .automatic: return graph.events.count > RenderOptions.positionedLayoutThreshold
        }
    }

    /// The DOT text of `graph` and the engine that lays it out.
    public func dot(_ graph: EventGraph) -> (text: String, engine: GraphvizRenderer.Engine) {
        let filtered = options.filter.apply(to: graph)
        var unfiltered = options
        unfiltered.filter = EventFilter()
        if usesPositionedLayout(filtered) {
            return (PositionedDOTEncoder(options: unfiltered).encode(filtered), .nop2)
        }
        return (DOTEncoder(options: unfiltered).encode(filtered), .dot)
    }

    /// The SVG of `graph`.
    public func svg(_ graph: EventGraph) throws -> Data {
        try dotAndSVG(options.filter.apply(to: graph), wantsDOT: false).svg
    }

    /// The DOT file's text (when `wantsDOT`) and the SVG of `filtered` (already filtered). A positioned
    /// timeline is drawn as a frame and tiles (``PositionedDrawing``), pieces found in ``pieces`` reused.
    func dotAndSVG(_ filtered: EventGraph, wantsDOT: Bool, periods: PeriodsOnce? = nil) throws -> (dot: String, svg: Data) {
        var unfiltered = options
        unfiltered.filter = EventFilter()
        guard usesPositionedLayout(filtered) else {
            let text = DOTEncoder(options: unfiltered).encode(filtered)
            return (wantsDOT ? text : "", try svgRenderer(text, .dot))
        }
        let version = "graphviz " + GraphvizRenderer.version + "\n"
        let drawing = PositionedDOTEncoder(options: unfiltered).drawing(filtered, whole: wantsDOT, pieces: pieces,
                                                                        digests: digests, keyPrefix: version, periods: periods)
        var keys: [String] = []
        keys.reserveCapacity(drawing.tiles.count + 1)
        var tiles: [(left: Double, svg: Data, body: Range<Int>)] = []
        tiles.reserveCapacity(drawing.tiles.count)
        for tile in drawing.tiles {
            // From the store (the drawing found it), or drawn now and stored under the period's key.
            let svg = try tile.svg ?? svgRenderer(tile.dot, .nop2)
            if !tile.key.isEmpty {
                keys.append(tile.key)
                if tile.svg == nil { pieces?.store(svg, forKey: tile.key) }
            }
            tiles.append((tile.left, svg, try tile.svgBody ?? SVGTiles.body(ofTile: svg)))
        }
        // The frame, keyed by its DOT: from the store when it holds one of the expected shape, else drawn.
        let frameKey = version + drawing.frame
        keys.append(frameKey)
        let frame: Data
        if let stored = pieces?.piece(forKey: frameKey), (try? SVGTiles.body(ofTile: stored)) != nil {
            frame = stored
        } else {
            frame = try svgRenderer(drawing.frame, .nop2)
            pieces?.store(frame, forKey: frameKey)
        }
        pieces?.used(keys)
        return (drawing.whole, try SVGTiles.stitch(frame: frame, tiles: tiles))
    }

    /// Renders `graph` and writes the files of ``RenderOptions/formats`` into `outputDir` (created if needed),
    /// each atomically; a file that already holds the same bytes is left untouched. Everything is rendered in
    /// memory first, so when Graphviz fails nothing is written.
    /// - Returns: The URLs of the files, in the order DOT, SVG, Markdown, Mermaid, TimelineJS.
    /// - Throws: ``TimelineError/invalidArgument(_:)`` for an SVG file name that is not a plain file name,
    ///   ``TimelineError/graphviz(message:)`` when Graphviz fails, ``TimelineError/writeFailed(path:reason:)``.
    @discardableResult
    public func render(_ graph: EventGraph, to outputDir: URL) throws -> [URL] {
        let files = try self.files(for: graph, in: outputDir)
        for (url, data) in files {
            try AtomicFile.write(data, to: url)
        }
        return files.map(\.0)
    }

    /// The files ``render(_:to:)`` writes, rendered in memory and not written: the URL in `outputDir` and the
    /// bytes of each, in the order DOT, SVG, Markdown, Mermaid, TimelineJS.
    ///
    /// The formats are rendered side by side on up to `threads` threads (the SVG, the slowest, starts first);
    /// the result does not depend on `threads`. `extra` jobs, such as encoding events.json, join the same pool.
    /// - Throws: as ``render(_:to:)``, except for writing.
    public func files(for graph: EventGraph, in outputDir: URL, threads: Int = 2,
                      extra: [@Sendable () throws -> Void] = []) throws -> [(URL, Data)] {
        let svgName = options.svgFileName
        let reserved = [Self.dotFileName, Self.markdownFileName, Self.mermaidFileName, Self.timelineJSFileName]
        guard !svgName.isEmpty, svgName != ".", svgName != "..", !svgName.contains("/"),
              !svgName.unicodeScalars.contains(where: { $0.value < 0x20 }), !reserved.contains(svgName) else {
            throw TimelineError.invalidArgument(
                "invalid SVG file name '\(svgName)': give a plain file name such as timeline.svg, other than "
                    + reserved.joined(separator: ", "))
        }
        let filtered = options.filter.apply(to: graph)
        let unfiltered = { var o = options; o.filter = EventFilter(); return o }()
        let renderer = { () -> TimelineRenderer in
            var r = TimelineRenderer(options: unfiltered, svgRenderer: svgRenderer)
            r.pieces = pieces
            r.digests = digests
            return r
        }()
        let formats = options.formats
        // The SVG and the Markdown group the events into the same periods: made once, by whichever asks first.
        let periods = PeriodsOnce(filtered)

        // One slot per file, in output order; each job fills its own slots.
        let slots = ConcurrentJobs.Slots<Data>(count: 5)
        var jobs: [@Sendable () throws -> Void] = []
        if formats.contains(.svg) {
            jobs.append {
                let (text, svg) = try renderer.dotAndSVG(filtered, wantsDOT: formats.contains(.dot), periods: periods)
                if formats.contains(.dot) { slots[0] = Data(text.utf8) }
                slots[1] = svg
            }
        } else if formats.contains(.dot) {
            jobs.append { slots[0] = Data(renderer.dot(filtered).text.utf8) }
        }
        jobs += extra
        if formats.contains(.markdown) {
            let (pieces, digests) = (self.pieces, self.digests)
            jobs.append {
                slots[2] = Data(MarkdownRenderer(options: unfiltered).renderBytes(filtered, pieces: pieces, digests: digests, periods: periods))
            }
        }
        if formats.contains(.mermaid) {
            jobs.append { slots[3] = Data(MermaidRenderer(options: unfiltered).render(filtered).utf8) }
        }
        if formats.contains(.timelinejs) {
            jobs.append { slots[4] = try TimelineJSEncoder(options: unfiltered).encode(filtered) }
        }
        try ConcurrentJobs.run(jobs, threads: threads)

        let names = [Self.dotFileName, svgName, Self.markdownFileName, Self.mermaidFileName, Self.timelineJSFileName]
        return (0..<5).compactMap { i in slots[i].map { (outputDir.appendingPathComponent(names[i]), $0) } }
    }

    /// Replaces each `<!-- timeline:begin ... -->` ... `<!-- timeline:end -->` block of the Markdown document
    /// at `url` with the timeline of `graph` (see ``MarkdownInjector``), writing the file atomically only when
    /// its bytes change. Settings on a begin marker (`from`, `to`, `type`, `actor`, `title`, `format`
    /// = `md` or `mermaid`, `heading`, `image`) override these options for that block.
    /// - Returns: Whether the file changed.
    /// - Throws: ``TimelineError/unreadable(path:reason:)``, ``TimelineError/invalidArgument(_:)`` naming the
    ///   document when it has no markers or a marker is malformed, ``TimelineError/writeFailed(path:reason:)``.
    @discardableResult
    public func inject(into url: URL, graph: EventGraph) throws -> Bool {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw TimelineError.unreadable(path: url.relativePath, reason: (error as NSError).localizedDescription)
        }
        let result = try injected(into: [UInt8](data), path: url.relativePath, graph: graph)
        return try AtomicFile.write(Data(result), to: url)
    }

    /// The bytes of a Markdown document with its timeline blocks replaced; see ``inject(into:graph:)``.
    public func injected(into document: [UInt8], path: String, graph: EventGraph) throws -> [UInt8] {
        try MarkdownInjector.inject(into: document, path: path) { block in
            try self.fragment(for: block, path: path, graph: graph)
        }
    }

    /// The Markdown (or Mermaid block) for one injection block.
    func fragment(for block: MarkdownInjector.Block, path: String, graph: EventGraph) throws -> String {
        var options = self.options
        let filter = options.filter
        do {
            options.filter = try EventFilter.parse(
                from: block.value("from") ?? filter.from?.description, to: block.value("to") ?? filter.to?.description,
                types: block.value("type").map { [$0] } ?? filter.types,
                actors: block.value("actor").map { [$0] } ?? filter.actors)
        } catch let TimelineError.invalidArgument(message) {
            throw TimelineError.invalidArgument("\(path):\(block.line): \(message.replacingOccurrences(of: "--", with: ""))")
        }
        if let title = block.value("title") { options.title = title }
        switch block.value("format") ?? "md" {
        case "mermaid":
            return MermaidRenderer(options: options).render(graph)
        case "md", "markdown":
            var markdown = MarkdownRenderer(options: options)
            markdown.includesTitle = false
            markdown.image = block.value("image") ?? ""
            markdown.footnotePrefix = "tl\(block.index)-"
            if let heading = block.value("heading") {
                guard let level = Int(heading), (1...6).contains(level) else {
                    throw TimelineError.invalidArgument("\(path):\(block.line): heading=\(heading): give a level from 1 to 6")
                }
                markdown.headingLevel = level
            }
            return markdown.render(graph)
        case let other:
            throw TimelineError.invalidArgument("\(path):\(block.line): format=\(other): give md or mermaid")
        }
    }
}
