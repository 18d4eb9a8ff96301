package dev.realtimelessons.lesson07;

/**
 * The Redis keys of users' status, under a namespace.
 *
 * @param namespace a prefix for every key
 */
public record StatusKeys(String namespace) {

    /**
     * @param user a user
     * @return a sorted set: the user's connections on every server, each scored with the time it expires
     */
    public String connections(String user) {
        return namespace + "status:" + user;
    }

    /**
     * @param user a user
     * @return a string that exists while the user is away
     */
    public String away(String user) {
        return namespace + "away:" + user;
    }

    /**
     * @param user a user
     * @return a string: when the user's last connection closed, in milliseconds since the epoch
     */
    public String lastSeen(String user) {
        return namespace + "seen:" + user;
    }

    /**
     * @param user a user
     * @return a set: the rooms the user joined, whose members are told when the user's status changes
     */
    public String rooms(String user) {
        return namespace + "rooms-of:" + user;
    }
}
