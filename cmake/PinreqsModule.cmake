# Shared compile settings and the one-static-library-per-module helper.

add_library(pinreqs_warnings INTERFACE)
target_compile_options(pinreqs_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual -Wformat=2)
if(PINREQS_WERROR)
  target_compile_options(pinreqs_warnings INTERFACE -Werror)
endif()
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # g++ 12 at -O3 reports -Wrestrict inside std::string's operator+ (GCC bug 105329), a false positive.
  target_compile_options(pinreqs_warnings INTERFACE -Wno-restrict)
endif()
if(PINREQS_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

if(PINREQS_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
endif()

# pinreqs_module(NAME [PUBLIC libs...] [PRIVATE libs...])
# Sources: NAME/src/**/*.cpp; public headers: NAME/include/pinreqs/NAME/.
# Creates the static library pinreqs_NAME and the alias pinreqs::NAME.
function(pinreqs_module name)
  cmake_parse_arguments(ARG "" "" "PUBLIC;PRIVATE" ${ARGN})
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/*.cpp)
  if(NOT srcs)
    # A module whose code has not landed yet: keep the edge visible without an empty archive.
    add_library(pinreqs_${name} INTERFACE)
    add_library(pinreqs::${name} ALIAS pinreqs_${name})
    target_include_directories(pinreqs_${name} INTERFACE ${CMAKE_CURRENT_SOURCE_DIR}/include)
    target_link_libraries(pinreqs_${name} INTERFACE ${ARG_PUBLIC})
    return()
  endif()
  add_library(pinreqs_${name} STATIC ${srcs})
  add_library(pinreqs::${name} ALIAS pinreqs_${name})
  target_include_directories(pinreqs_${name}
    PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(pinreqs_${name} PUBLIC ${ARG_PUBLIC} PRIVATE pinreqs_warnings ${ARG_PRIVATE})
  target_compile_definitions(pinreqs_${name} PRIVATE PINREQS_VERSION="${PROJECT_VERSION}")
endfunction()
