import TimelineModel

// Placeholder: the incremental build cache (issue 6) goes here.
