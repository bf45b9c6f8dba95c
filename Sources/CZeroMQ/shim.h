#ifndef TRACKWIRE_CZEROMQ_SHIM_H
#define TRACKWIRE_CZEROMQ_SHIM_H
#include <zmq.h>
#endif
