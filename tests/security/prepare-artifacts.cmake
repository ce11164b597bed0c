# The setup of the security scan's fixture, run by ctest before any test: a fresh test-artifacts folder with a HOME,
# XDG folders and TMPDIR for every test (their environment points there), and a stamp the scan compares ctest's
# output record against. Arguments: -DROOT=folder -DLIST=file with one test name per line.
file(REMOVE_RECURSE ${ROOT})
file(STRINGS ${LIST} names)
foreach(name ${names})
    file(MAKE_DIRECTORY ${ROOT}/${name}/tmp ${ROOT}/${name}/home/.config ${ROOT}/${name}/home/.local/share
        ${ROOT}/${name}/home/.cache ${ROOT}/${name}/home/.local/state)
endforeach()
list(LENGTH names count)
file(WRITE ${ROOT}/../test-artifacts.stamp "${count} tests\n")
message(STATUS "test-artifacts: folders for ${count} tests")
