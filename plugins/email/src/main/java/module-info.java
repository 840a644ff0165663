/**
 * The {@code email} code: sends each code as a plain-text mail over SMTP through Jakarta Mail
 * (Eclipse Angus). Angus Mail and its API are private to this plugin: they travel in the
 * plugin's own folder and layer, so other plugins never see them.
 */
module io.cpra.plugins.email {
    requires io.cpra.plugin.api;
    requires jakarta.mail;
    requires org.eclipse.angus.mail;

    provides io.cpra.plugin.api.CodePlugin with io.cpra.plugins.email.EmailPlugin;
}
