package io.terafab.campus.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class TcpProxyTest {

    /** Answers each byte with the same byte plus one, on every connection. */
    private static ServerSocket echoPlusOne() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread t = new Thread(() -> {
                        try (s;
                                InputStream in = s.getInputStream();
                                OutputStream out = s.getOutputStream()) {
                            int b;
                            while ((b = in.read()) >= 0) {
                                out.write(b + 1);
                                out.flush();
                            }
                        } catch (IOException gone) {
                            // the proxy closed it
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    private static int roundTrip(Socket socket, int b) throws IOException {
        socket.getOutputStream().write(b);
        socket.getOutputStream().flush();
        return socket.getInputStream().read();
    }

    private static Socket connect(TcpProxy proxy) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        socket.setSoTimeout(1_000);
        return socket;
    }

    @Test
    void forwardsUntilCutThenHoldsNewConnectionsSilentAndForwardsAgainOnceRestored() throws IOException {
        try (ServerSocket target = echoPlusOne();
                TcpProxy proxy = new TcpProxy()) {
            proxy.forwardTo(target.getLocalPort());
            try (Socket before = connect(proxy)) {
                assertThat(roundTrip(before, 41)).isEqualTo(42);

                proxy.cut();
                assertThat(before.getInputStream().read())
                        .as("a connection open at the cut is closed")
                        .isEqualTo(-1);
            }
            try (Socket during = connect(proxy)) {
                assertThatThrownBy(() -> roundTrip(during, 1))
                        .as("no answer while cut, not a refusal")
                        .isInstanceOf(SocketTimeoutException.class);
                proxy.restore();
            }
            try (Socket after = connect(proxy)) {
                assertThat(roundTrip(after, 7)).isEqualTo(8);
            }
        }
    }
}
