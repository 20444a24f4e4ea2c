// The declaration in include/FuzzDriver.h is the whole module; the definition is in libFuzzer.
#include "FuzzDriver.h"
