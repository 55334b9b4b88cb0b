import ArgumentParser
import Foundation
import TimelineModel

/// Where the user's corrections are.
struct CurationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Your corrections, applied on every build (default: curation.json beside the events file; see docs/curation.md).",
        valueName: "file"))
    var curation: String?

    func url(besideEvents events: URL) -> URL {
        curation.map { URL(fileURLWithPath: $0) } ?? Curation.url(besideEvents: events)
    }
}
