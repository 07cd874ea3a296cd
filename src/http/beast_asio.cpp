// The compiled parts of Asio (with its TLS support) and Beast, built once for the whole
// program. Every target that links firebreak_http sees BOOST_ASIO_SEPARATE_COMPILATION and
// BOOST_BEAST_SEPARATE_COMPILATION, so no other translation unit compiles them again.

#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
