#ifndef TIMELINE_CGRAPHVIZ_SHIM_H
#define TIMELINE_CGRAPHVIZ_SHIM_H
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#endif
