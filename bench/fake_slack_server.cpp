// The fake Slack Web API as a process of its own, for bench/peer_compare.sh: firebreak's
// outbox worker delivers to it during the wrk run, as it would to Slack. Prints its base URL
// on the first line, then serves until SIGTERM or SIGINT.
#include <signal.h>

#include <iostream>

#include "fakes/fake_slack.hpp"

int main() {
    // Blocked before the fake starts its threads, so that only sigwait() receives them.
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, nullptr);

    firebreak::fakes::FakeSlack fake("xoxb-bench");
    fake.add_channel("CANNOUNCE", "incidents");
    std::cout << fake.base_url() << std::endl;
    int signal = 0;
    sigwait(&stop, &signal);
    return 0;
}
