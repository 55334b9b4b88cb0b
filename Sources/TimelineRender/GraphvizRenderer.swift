// The only file that talks to the Graphviz C libraries (libgvc, libcgraph).

import CGraphviz
import Foundation
import TimelineModel

/// Lays out DOT and renders it to SVG with Graphviz's libraries, in this process: no `dot` program is run,
/// none needs to be installed (the Debian package `libgvc6`, a dependency of `libgraphviz-dev`, is enough).
///
/// libgvc and libcgraph keep global state (the DOT lexer, the error counter and handler), so every call
/// is serialised by one process-wide lock; calling from several threads or tasks at once is safe.
public enum GraphvizRenderer {
    /// Lays `dot` out with the `dot` engine and returns the SVG document (UTF-8).
    ///
    /// Each call frees everything it allocated (the rendered buffer, the layout, the parsed graph), even on
    /// failure. One Graphviz context is created on first use and kept for the life of the process: creating
    /// and freeing a context per call leaks a few kilobytes inside libgvc 2.42 every time.
    /// - Throws: ``TimelineError/graphviz(message:)`` with Graphviz's own messages when the DOT does not
    ///   parse, the layout fails, or the SVG renderer is unavailable.
    public static func renderSVG(dot: String) throws -> Data {
        try renderSVG(dot: dot, engine: .dot)
    }

    /// The Graphviz layout engines the timeline uses.
    public enum Engine: String, Sendable {
        /// Hierarchical layout: the engine of ``DOTEncoder``'s output.
        case dot
        /// No layout: every node keeps its `pos` (in points), edges without `pos` are drawn per `splines`
        /// (`neato -n2`). The engine of ``PositionedDOTEncoder``'s output; linear in the size of the graph.
        case nop2
    }

    /// Lays `dot` out with `engine` and returns the SVG document (UTF-8). See ``renderSVG(dot:)``.
    public static func renderSVG(dot: String, engine: Engine) throws -> Data {
        if dot.utf8.contains(0) {
            throw TimelineError.graphviz(message: "the DOT text contains a NUL character")
        }
        graphvizLock.lock()
        defer { graphvizLock.unlock() }

        // Route libcgraph's messages into our buffer for this call, and start from a clean error count.
        graphvizMessages = ""
        let previousHandler = agseterrf(collectGraphvizMessage)
        agreseterrors()
        defer {
            agseterrf(previousHandler)
            agreseterrors()
            graphvizMessages = ""
        }

        if graphvizContext == nil { graphvizContext = gvContext() }
        guard let gvc = graphvizContext else {
            throw TimelineError.graphviz(message: "could not create a Graphviz context")
        }

        guard let graph = agmemread(dot) else {
            throw failure("the DOT text was rejected", hint: nil)
        }
        defer { agclose(graph) }

        guard gvLayout(gvc, graph, engine.rawValue) == 0 else {
            throw failure("the layout failed", hint: pluginHint)
        }
        defer { gvFreeLayout(gvc, graph) }

        var buffer: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        // "svg:svg:core": Graphviz's own SVG writer, which keeps text as text (not cairo's glyph outlines).
        guard gvRenderData(gvc, graph, "svg:svg:core", &buffer, &length) == 0, let buffer else {
            throw failure("rendering SVG failed", hint: pluginHint)
        }
        defer { gvFreeRenderData(buffer) }
        return Data(bytes: buffer, count: Int(length))
    }

    /// What to do when Graphviz cannot find its `dot` layout or `svg` renderer plugins.
    private static let pluginHint = """
        Graphviz's plugins may be missing or unregistered: install the Debian package libgvc6 \
        (with libgraphviz-dev) and check that /usr/lib/x86_64-linux-gnu/graphviz/config6a exists \
        (recreate it with `sudo libgvc6-config-update -c`)
        """

    /// A ``TimelineError/graphviz(message:)`` with what Graphviz said. Call with the lock held.
    private static func failure(_ what: String, hint: String?) -> TimelineError {
        let said = graphvizMessages
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
        var message = what
        if !said.isEmpty { message += ": " + said }
        if let hint, said.contains("not recognized") || said.isEmpty { message += ". " + hint }
        return TimelineError.graphviz(message: message)
    }
}

/// Serialises every call into libgvc/libcgraph, and guards ``graphvizMessages`` and ``graphvizContext``.
private let graphvizLock = NSLock()

/// The process's Graphviz context (plugins loaded from libgvc's `config6a`), created on first use under
/// ``graphvizLock`` and deliberately never freed.
nonisolated(unsafe) private var graphvizContext: OpaquePointer?

/// What libcgraph reported during the current call. Only read or written while holding ``graphvizLock``
/// (the C callback below runs inside Graphviz calls made under the lock).
nonisolated(unsafe) private var graphvizMessages = ""

/// libcgraph's error callback (`agusererrf`): it receives each message in pieces ("Error", ": ", text).
private func collectGraphvizMessage(_ text: UnsafeMutablePointer<CChar>?) -> Int32 {
    guard let text else { return 0 }
    if graphvizMessages.utf8.count < 16_384 {
        graphvizMessages += String(cString: text)
    }
    return 0
}
