import Testing
@testable import TimelineBuild
