// The only file that talks to the Graphviz C libraries (libgvc, libcgraph).

import CGraphviz
import Foundation
#if canImport(Glibc)
import Glibc
#endif
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
    ///
    /// ``Engine/nop2`` runs in a second context without a text layout plugin (see `positionedContext()`):
    /// its DOT must size every node itself, as ``PositionedDOTEncoder``'s does.
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

        guard let gvc = engine == .nop2 ? positionedContext() : mainContext() else {
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

    /// The version of the Graphviz libraries in use (libgvc's own report), or "unknown".
    public static var version: String {
        graphvizLock.lock()
        defer { graphvizLock.unlock() }
        guard let gvc = mainContext(), let text = gvcVersion(gvc) else { return "unknown" }
        return String(cString: text)
    }

    /// The process's Graphviz context with every installed plugin (from libgvc's `config6a`), created on
    /// first use. Call with the lock held.
    private static func mainContext() -> OpaquePointer? {
        if graphvizContext == nil { graphvizContext = gvContext() }
        return graphvizContext
    }

    /// The context for ``Engine/nop2``: only Graphviz's `core` (SVG writer) and `neato_layout` (`nop2`)
    /// plugins, without a text layout plugin. Created on first use; call with the lock held.
    ///
    /// The positioned layout has already sized every box (``PositionedLayout``), so measuring each label
    /// line with pango, which the main context does and which costs about as much as the rest of the
    /// rendering, buys nothing: without a text layout plugin Graphviz estimates text widths from its
    /// built-in font metrics instead, and the SVG still names the requested font, so viewers draw the
    /// same text. The plugins are the installed ones, loaded from libgvc's plugin directory. When they
    /// cannot be loaded the main context is used instead (slower, same drawing).
    private static func positionedContext() -> OpaquePointer? {
        if !positionedContextTried {
            positionedContextTried = true
            positionedGraphvizContext = contextWithoutTextLayout()
        }
        return positionedGraphvizContext ?? mainContext()
    }

    /// A context with the `core` and `neato_layout` plugin libraries registered as built-ins, or nil.
    private static func contextWithoutTextLayout() -> OpaquePointer? {
        var symbols: [(String, UnsafeMutableRawPointer)] = []
        let directories = pluginDirectories()
        for plugin in ["core", "neato_layout"] {
            let symbol = "gvplugin_\(plugin)_LTX_library"
            guard let library = directories.lazy.compactMap({ dir in
                ["libgvplugin_\(plugin).so.6", "libgvplugin_\(plugin).so", "libgvplugin_\(plugin).6.dylib"]
                    .lazy.compactMap { dlopen(dir + "/" + $0, RTLD_NOW | RTLD_LOCAL) }.first
            }).first, let address = dlsym(library, symbol) else { return nil }
            symbols.append((symbol, address))
        }
        // libgvc keeps pointers to the list and its names for the life of the context: never freed.
        let list = UnsafeMutablePointer<lt_symlist_t>.allocate(capacity: symbols.count + 1)
        for (i, (name, address)) in symbols.enumerated() {
            list[i] = lt_symlist_t(name: UnsafePointer(strdup(name)), address: address)
        }
        list[symbols.count] = lt_symlist_t(name: nil, address: nil)
        return gvContextPlugins(list, 0)
    }

    /// Where Graphviz's plugin libraries may be: `GVBINDIR`, the directory libgvc itself uses
    /// (`gvconfig_libdir`, found at run time since no header declares it), then the usual install paths.
    private static func pluginDirectories() -> [String] {
        var dirs: [String] = []
        if let env = getenv("GVBINDIR") { dirs.append(String(cString: env)) }
        typealias LibDir = @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
        if let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "gvconfig_libdir") {
            // It only reads the context's verbosity: an empty one (no plugins, no config file read) will do.
            let none = UnsafeMutablePointer<lt_symlist_t>.allocate(capacity: 1)
            none.initialize(to: lt_symlist_t(name: nil, address: nil))
            if let probe = gvContextPlugins(none, 0) {
                if let dir = unsafeBitCast(symbol, to: LibDir.self)(probe) { dirs.append(String(cString: dir)) }
                gvFreeContext(probe)
            }
            none.deallocate()
        }
        dirs += ["/usr/lib/x86_64-linux-gnu/graphviz", "/usr/lib/aarch64-linux-gnu/graphviz", "/usr/lib64/graphviz",
                 "/usr/lib/graphviz", "/usr/local/lib/graphviz", "/opt/homebrew/lib/graphviz"]
        return dirs
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

/// The context of ``GraphvizRenderer/positionedContext()``, once tried (nil when it could not be made).
nonisolated(unsafe) private var positionedGraphvizContext: OpaquePointer?
nonisolated(unsafe) private var positionedContextTried = false

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
