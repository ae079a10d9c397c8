using System.Net;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Kube.Errors;

/// <summary>
/// The API server answered with an error status (or a watch sent an ERROR event). The message is the
/// server's own Status message where there is one, as kubectl prints it.
/// </summary>
public class KubeApiException : KubeException
{
    public KubeApiException(ApiStatus status, int statusCode)
        : base(Describe(status, statusCode))
    {
        ArgumentNullException.ThrowIfNull(status);
        Status = status;
        StatusCode = statusCode;
    }

    /// <summary>The metav1.Status the server sent (synthesised from the HTTP status when the body was not one).</summary>
    public ApiStatus Status { get; }

    /// <summary>The HTTP status code (or Status.code for watch ERROR events).</summary>
    public int StatusCode { get; }

    /// <summary>Status.reason: NotFound, AlreadyExists, Conflict, Forbidden, Unauthorized, Expired, Gone, Invalid, …</summary>
    public string Reason => Status.Reason ?? "";

    public bool IsNotFound => StatusCode == (int)HttpStatusCode.NotFound;

    public bool IsAlreadyExists => StatusCode == (int)HttpStatusCode.Conflict && Reason == "AlreadyExists";

    public bool IsConflict => StatusCode == (int)HttpStatusCode.Conflict && Reason != "AlreadyExists";

    public bool IsForbidden => StatusCode == (int)HttpStatusCode.Forbidden;

    public bool IsUnauthorized => StatusCode == (int)HttpStatusCode.Unauthorized;

    /// <summary>Builds the right subclass for a status: 409 Conflict → <see cref="KubeConflictException"/>, 410 → <see cref="KubeExpiredException"/>.</summary>
    public static KubeApiException From(ApiStatus status, int statusCode)
    {
        ArgumentNullException.ThrowIfNull(status);
        return statusCode switch
        {
            (int)HttpStatusCode.Gone => new KubeExpiredException(status),
            (int)HttpStatusCode.Conflict when status.Reason != "AlreadyExists" => new KubeConflictException(status),
            _ => new KubeApiException(status, statusCode),
        };
    }

    /// <summary>kubectl's wording for a status without a usable message.</summary>
    public static string DefaultMessage(int statusCode) => statusCode switch
    {
        400 => "the server rejected our request for an unknown reason",
        401 => "Unauthorized",
        403 => "forbidden",
        404 => "the server could not find the requested resource",
        405 => "the server does not allow this method on the requested resource",
        406 => "the server was unable to respond with a content type that the client supports",
        409 => "the server reported a conflict",
        410 => "the resource version is too old (expired)",
        413 => "the server rejected the request because it is too large",
        415 => "the server does not support the content type of the request",
        422 => "the server rejected the object as invalid",
        429 => "the server has received too many requests and has asked us to try again later",
        500 => "an error on the server has prevented the request from succeeding",
        502 or 503 => "the server is currently unable to handle the request",
        504 => "the server was unable to return a response in the time allotted, but may still be processing the request",
        _ => $"the server responded with HTTP {statusCode}",
    };

    private static string Describe(ApiStatus status, int statusCode)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (statusCode == 401)
        {
            // The server says only "Unauthorized"; say what that means for the user.
            return "Unauthorized: the server rejected the credentials (you must be logged in to the server)";
        }

        var message = status.Message?.Trim();
        if (string.IsNullOrEmpty(message))
        {
            return DefaultMessage(statusCode);
        }

        // One line, always.
        return message.ReplaceLineEndings(" ");
    }
}
