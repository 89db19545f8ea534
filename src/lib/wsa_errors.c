/* SPDX-License-Identifier: MIT */
/*
 * Winsock error table.  Names and numbers are those of winsock2.h and
 * winerror.h (including Microsoft's own spelling WSA_QOS_EUNKOWNPSOBJ).
 * The English text is the one Windows' FormatMessage gives, because that is
 * what users paste into forums and `explain`; the Swedish text follows
 * Swedish Windows where we have it (10038, 10045, 10106 as quoted in the
 * Swedish edition of KB 811259) and is our translation elsewhere.
 */
#include "wsa_errors.h"

#include "../util/utf.h"

#define E(code, name, en, sv) {code, name, {en, sv}},

static const ws2fix_wsa_error_info table[] = {
	E(10004, "WSAEINTR",
		"A blocking operation was interrupted by a call to WSACancelBlockingCall.",
		"En blockerande åtgärd avbröts av ett anrop till WSACancelBlockingCall.")
	E(10009, "WSAEBADF",
		"The file handle supplied is not valid.",
		"Den angivna filreferensen är ogiltig.")
	E(10013, "WSAEACCES",
		"An attempt was made to access a socket in a way forbidden by its access permissions.",
		"Ett försök gjordes att komma åt en socket på ett sätt som inte tillåts av dess åtkomstbehörigheter.")
	E(10014, "WSAEFAULT",
		"The system detected an invalid pointer address in attempting to use a pointer argument in a call.",
		"Systemet upptäckte en ogiltig pekaradress vid försök att använda ett pekarargument i ett anrop.")
	E(10022, "WSAEINVAL",
		"An invalid argument was supplied.",
		"Ett ogiltigt argument angavs.")
	E(10024, "WSAEMFILE",
		"Too many open sockets.",
		"För många öppna socketar.")
	E(10035, "WSAEWOULDBLOCK",
		"A non-blocking socket operation could not be completed immediately.",
		"En icke-blockerande socketåtgärd kunde inte slutföras omedelbart.")
	E(10036, "WSAEINPROGRESS",
		"A blocking operation is currently executing.",
		"En blockerande åtgärd pågår redan.")
	E(10037, "WSAEALREADY",
		"An operation was attempted on a non-blocking socket that already had an operation in progress.",
		"En åtgärd försökte utföras på en icke-blockerande socket som redan hade en pågående åtgärd.")
	E(10038, "WSAENOTSOCK",
		"An operation was attempted on something that is not a socket.",
		"En åtgärd försökte utföras på något som inte är en socket.")
	E(10039, "WSAEDESTADDRREQ",
		"A required address was omitted from an operation on a socket.",
		"En nödvändig adress utelämnades i en åtgärd på en socket.")
	E(10040, "WSAEMSGSIZE",
		"A message sent on a datagram socket was larger than the internal message buffer or some other "
		"network limit, or the buffer used to receive a datagram into was smaller than the datagram itself.",
		"Ett meddelande som skickades på en datagramsocket var större än den interna meddelandebufferten "
		"eller någon annan nätverksgräns, eller så var bufferten som datagrammet skulle tas emot i mindre "
		"än själva datagrammet.")
	E(10041, "WSAEPROTOTYPE",
		"A protocol was specified in the socket function call that does not support the semantics of the "
		"socket type requested.",
		"Protokollet som angavs i anropet till socket-funktionen stöder inte semantiken för den begärda "
		"sockettypen.")
	E(10042, "WSAENOPROTOOPT",
		"An unknown, invalid, or unsupported option or level was specified in a getsockopt or setsockopt call.",
		"Ett okänt, ogiltigt eller ej stött alternativ eller nivå angavs i ett anrop till getsockopt eller "
		"setsockopt.")
	E(10043, "WSAEPROTONOSUPPORT",
		"The requested protocol has not been configured into the system, or no implementation for it exists.",
		"Det begärda protokollet har inte konfigurerats i systemet, eller så finns ingen implementering av det.")
	E(10044, "WSAESOCKTNOSUPPORT",
		"The support for the specified socket type does not exist in this address family.",
		"Den angivna sockettypen stöds inte i den här adressfamiljen.")
	E(10045, "WSAEOPNOTSUPP",
		"The attempted operation is not supported for the type of object referenced.",
		"Åtgärden som försökte utföras stöds inte för den typ av objekt som refererades.")
	E(10046, "WSAEPFNOSUPPORT",
		"The protocol family has not been configured into the system or no implementation for it exists.",
		"Protokollfamiljen har inte konfigurerats i systemet, eller så finns ingen implementering av den.")
	E(10047, "WSAEAFNOSUPPORT",
		"An address incompatible with the requested protocol was used.",
		"En adress som inte är kompatibel med det begärda protokollet användes.")
	E(10048, "WSAEADDRINUSE",
		"Only one usage of each socket address (protocol/network address/port) is normally permitted.",
		"Varje socketadress (protokoll/nätverksadress/port) får normalt bara användas en gång.")
	E(10049, "WSAEADDRNOTAVAIL",
		"The requested address is not valid in its context.",
		"Den begärda adressen är inte giltig i sitt sammanhang.")
	E(10050, "WSAENETDOWN",
		"A socket operation encountered a dead network.",
		"En socketåtgärd stötte på ett nätverk som inte fungerar.")
	E(10051, "WSAENETUNREACH",
		"A socket operation was attempted to an unreachable network.",
		"En socketåtgärd försökte nå ett nätverk som inte går att nå.")
	E(10052, "WSAENETRESET",
		"The connection has been broken due to keep-alive activity detecting a failure while the operation "
		"was in progress.",
		"Anslutningen bröts eftersom keep-alive-kontrollen upptäckte ett fel medan åtgärden pågick.")
	E(10053, "WSAECONNABORTED",
		"An established connection was aborted by the software in your host machine.",
		"En upprättad anslutning avbröts av programvaran på värddatorn.")
	E(10054, "WSAECONNRESET",
		"An existing connection was forcibly closed by the remote host.",
		"En befintlig anslutning tvingades att stängas av fjärrvärden.")
	E(10055, "WSAENOBUFS",
		"An operation on a socket could not be performed because the system lacked sufficient buffer space "
		"or because a queue was full.",
		"En åtgärd på en socket kunde inte utföras eftersom systemet saknade tillräckligt buffertutrymme "
		"eller eftersom en kö var full.")
	E(10056, "WSAEISCONN",
		"A connect request was made on an already connected socket.",
		"En anslutningsbegäran gjordes på en socket som redan är ansluten.")
	E(10057, "WSAENOTCONN",
		"A request to send or receive data was disallowed because the socket is not connected and (when "
		"sending on a datagram socket using a sendto call) no address was supplied.",
		"En begäran om att skicka eller ta emot data nekades eftersom socketen inte är ansluten och (vid "
		"sändning på en datagramsocket med sendto) ingen adress angavs.")
	E(10058, "WSAESHUTDOWN",
		"A request to send or receive data was disallowed because the socket had already been shut down in "
		"that direction with a previous shutdown call.",
		"En begäran om att skicka eller ta emot data nekades eftersom socketen redan hade stängts i den "
		"riktningen med ett tidigare anrop till shutdown.")
	E(10059, "WSAETOOMANYREFS",
		"Too many references to some kernel object.",
		"För många referenser till ett kernelobjekt.")
	E(10060, "WSAETIMEDOUT",
		"A connection attempt failed because the connected party did not properly respond after a period of "
		"time, or established connection failed because connected host has failed to respond.",
		"Ett anslutningsförsök misslyckades eftersom den anslutna parten inte svarade korrekt inom en viss "
		"tid, eller så bröts den upprättade anslutningen eftersom den anslutna värden inte svarade.")
	E(10061, "WSAECONNREFUSED",
		"No connection could be made because the target machine actively refused it.",
		"Det gick inte att ansluta eftersom måldatorn aktivt nekade anslutningen.")
	E(10062, "WSAELOOP",
		"Cannot translate name.",
		"Det går inte att översätta namnet.")
	E(10063, "WSAENAMETOOLONG",
		"Name component or name was too long.",
		"Namnet eller en del av namnet var för långt.")
	E(10064, "WSAEHOSTDOWN",
		"A socket operation failed because the destination host was down.",
		"En socketåtgärd misslyckades eftersom målvärden inte var igång.")
	E(10065, "WSAEHOSTUNREACH",
		"A socket operation was attempted to an unreachable host.",
		"En socketåtgärd försökte nå en värd som inte går att nå.")
	E(10066, "WSAENOTEMPTY",
		"Cannot remove a directory that is not empty.",
		"Det går inte att ta bort en katalog som inte är tom.")
	E(10067, "WSAEPROCLIM",
		"A Windows Sockets implementation may have a limit on the number of applications that may use it "
		"simultaneously.",
		"En Windows Sockets-implementering kan ha en gräns för hur många program som får använda den "
		"samtidigt.")
	E(10068, "WSAEUSERS",
		"Ran out of quota.",
		"Kvoten är slut.")
	E(10069, "WSAEDQUOT",
		"Ran out of disk quota.",
		"Diskkvoten är slut.")
	E(10070, "WSAESTALE",
		"File handle reference is no longer available.",
		"Filreferensen är inte längre tillgänglig.")
	E(10071, "WSAEREMOTE",
		"Item is not available locally.",
		"Objektet är inte tillgängligt lokalt.")
	E(10091, "WSASYSNOTREADY",
		"WSAStartup cannot function at this time because the underlying system it uses to provide network "
		"services is currently unavailable.",
		"WSAStartup kan inte fungera just nu eftersom det underliggande systemet som tillhandahåller "
		"nätverkstjänsterna inte är tillgängligt för tillfället.")
	E(10092, "WSAVERNOTSUPPORTED",
		"The Windows Sockets version requested is not supported.",
		"Den begärda versionen av Windows Sockets stöds inte.")
	E(10093, "WSANOTINITIALISED",
		"Either the application has not called WSAStartup, or WSAStartup failed.",
		"Antingen har programmet inte anropat WSAStartup, eller så misslyckades WSAStartup.")
	E(10101, "WSAEDISCON",
		"Returned by WSARecv or WSARecvFrom to indicate the remote party has initiated a graceful shutdown "
		"sequence.",
		"Returneras av WSARecv eller WSARecvFrom för att visa att fjärrparten har påbörjat en ordnad "
		"nedstängning.")
	E(10102, "WSAENOMORE",
		"No more results can be returned by WSALookupServiceNext.",
		"WSALookupServiceNext kan inte returnera fler resultat.")
	E(10103, "WSAECANCELLED",
		"A call to WSALookupServiceEnd was made while this call was still processing. The call has been "
		"canceled.",
		"WSALookupServiceEnd anropades medan det här anropet fortfarande bearbetades. Anropet har avbrutits.")
	E(10104, "WSAEINVALIDPROCTABLE",
		"The procedure call table is invalid.",
		"Proceduranropstabellen är ogiltig.")
	E(10105, "WSAEINVALIDPROVIDER",
		"The requested service provider is invalid.",
		"Den begärda tjänstprovidern är ogiltig.")
	E(10106, "WSAEPROVIDERFAILEDINIT",
		"The requested service provider could not be loaded or initialized.",
		"Det gick inte att läsa in eller initiera den begärda tjänstprovidern.")
	E(10107, "WSASYSCALLFAILURE",
		"A system call that should never fail has failed.",
		"Ett systemanrop som aldrig ska misslyckas har misslyckats.")
	E(10108, "WSASERVICE_NOT_FOUND",
		"No such service is known. The service cannot be found in the specified name space.",
		"Tjänsten är okänd. Den finns inte i den angivna namnrymden.")
	E(10109, "WSATYPE_NOT_FOUND",
		"The specified class was not found.",
		"Den angivna klassen hittades inte.")
	E(10110, "WSA_E_NO_MORE",
		"No more results can be returned by WSALookupServiceNext.",
		"WSALookupServiceNext kan inte returnera fler resultat.")
	E(10111, "WSA_E_CANCELLED",
		"A call to WSALookupServiceEnd was made while this call was still processing. The call has been "
		"canceled.",
		"WSALookupServiceEnd anropades medan det här anropet fortfarande bearbetades. Anropet har avbrutits.")
	E(10112, "WSAEREFUSED",
		"A database query failed because it was actively refused.",
		"En databasfråga misslyckades eftersom den aktivt nekades.")
	E(11001, "WSAHOST_NOT_FOUND",
		"No such host is known.",
		"Värden är okänd.")
	E(11002, "WSATRY_AGAIN",
		"This is usually a temporary error during hostname resolution and means that the local server did "
		"not receive a response from an authoritative server.",
		"Detta är oftast ett tillfälligt fel vid namnmatchning och betyder att den lokala servern inte fick "
		"något svar från en auktoritativ server.")
	E(11003, "WSANO_RECOVERY",
		"A non-recoverable error occurred during a database lookup.",
		"Ett fel som inte går att åtgärda inträffade vid en databassökning.")
	E(11004, "WSANO_DATA",
		"The requested name is valid, but no data of the requested type was found.",
		"Det begärda namnet är giltigt, men inga data av den begärda typen hittades.")
	/* 11005..11031: the RSVP/QoS provider's codes (qos.h).  They only
	 * appear with QoS sockets, but users paste them too. */
	E(11005, "WSA_QOS_RECEIVERS",
		"At least one reserve has arrived.",
		"Minst en reservation (RESV) har kommit fram.")
	E(11006, "WSA_QOS_SENDERS",
		"At least one path has arrived.",
		"Minst ett sökvägsmeddelande (PATH) har kommit fram.")
	E(11007, "WSA_QOS_NO_SENDERS",
		"There are no senders.",
		"Det finns inga avsändare.")
	E(11008, "WSA_QOS_NO_RECEIVERS",
		"There are no receivers.",
		"Det finns inga mottagare.")
	E(11009, "WSA_QOS_REQUEST_CONFIRMED",
		"Reserve has been confirmed.",
		"Reservationen har bekräftats.")
	E(11010, "WSA_QOS_ADMISSION_FAILURE",
		"Error due to lack of resources.",
		"Fel på grund av brist på resurser.")
	E(11011, "WSA_QOS_POLICY_FAILURE",
		"Rejected for administrative reasons - bad credentials.",
		"Nekades av administrativa skäl – felaktiga autentiseringsuppgifter.")
	E(11012, "WSA_QOS_BAD_STYLE",
		"Unknown or conflicting style.",
		"Okänd eller motstridig stil.")
	E(11013, "WSA_QOS_BAD_OBJECT",
		"Problem with some part of the filterspec or providerspecific buffer in general.",
		"Problem med någon del av filterspec eller med den providerspecifika bufferten i allmänhet.")
	E(11014, "WSA_QOS_TRAFFIC_CTRL_ERROR",
		"Problem with some part of the flowspec.",
		"Problem med någon del av flowspec.")
	E(11015, "WSA_QOS_GENERIC_ERROR",
		"General QOS error.",
		"Allmänt QoS-fel.")
	E(11016, "WSA_QOS_ESERVICETYPE",
		"An invalid or unrecognized service type was found in the flowspec.",
		"En ogiltig eller okänd tjänsttyp hittades i flowspec.")
	E(11017, "WSA_QOS_EFLOWSPEC",
		"An invalid or inconsistent flowspec was found in the QOS structure.",
		"En ogiltig eller inkonsekvent flowspec hittades i QoS-strukturen.")
	E(11018, "WSA_QOS_EPROVSPECBUF",
		"Invalid QOS provider-specific buffer.",
		"Ogiltig providerspecifik QoS-buffert.")
	E(11019, "WSA_QOS_EFILTERSTYLE",
		"An invalid QOS filter style was used.",
		"En ogiltig QoS-filterstil användes.")
	E(11020, "WSA_QOS_EFILTERTYPE",
		"An invalid QOS filter type was used.",
		"En ogiltig QoS-filtertyp användes.")
	E(11021, "WSA_QOS_EFILTERCOUNT",
		"An incorrect number of QOS FILTERSPECs were specified in the FLOWDESCRIPTOR.",
		"Fel antal QoS-FILTERSPEC angavs i FLOWDESCRIPTOR.")
	E(11022, "WSA_QOS_EOBJLENGTH",
		"An object with an invalid ObjectLength field was specified in the QOS provider-specific buffer.",
		"Ett objekt med ett ogiltigt ObjectLength-fält angavs i den providerspecifika QoS-bufferten.")
	E(11023, "WSA_QOS_EFLOWCOUNT",
		"An incorrect number of flow descriptors was specified in the QOS structure.",
		"Fel antal flödesbeskrivningar angavs i QoS-strukturen.")
	E(11024, "WSA_QOS_EUNKOWNPSOBJ",
		"An unrecognized object was found in the QOS provider-specific buffer.",
		"Ett okänt objekt hittades i den providerspecifika QoS-bufferten.")
	E(11025, "WSA_QOS_EPOLICYOBJ",
		"An invalid policy object was found in the QOS provider-specific buffer.",
		"Ett ogiltigt principobjekt hittades i den providerspecifika QoS-bufferten.")
	E(11026, "WSA_QOS_EFLOWDESC",
		"An invalid QOS flow descriptor was found in the flow descriptor list.",
		"En ogiltig QoS-flödesbeskrivning hittades i listan med flödesbeskrivningar.")
	E(11027, "WSA_QOS_EPSFLOWSPEC",
		"An invalid or inconsistent flowspec was found in the QOS provider specific buffer.",
		"En ogiltig eller inkonsekvent flowspec hittades i den providerspecifika QoS-bufferten.")
	E(11028, "WSA_QOS_EPSFILTERSPEC",
		"An invalid FILTERSPEC was found in the QOS provider-specific buffer.",
		"En ogiltig FILTERSPEC hittades i den providerspecifika QoS-bufferten.")
	E(11029, "WSA_QOS_ESDMODEOBJ",
		"An invalid shape discard mode object was found in the QOS provider specific buffer.",
		"Ett ogiltigt objekt för trafikformningens kasseringsläge hittades i den providerspecifika "
		"QoS-bufferten.")
	E(11030, "WSA_QOS_ESHAPERATEOBJ",
		"An invalid shaping rate object was found in the QOS provider-specific buffer.",
		"Ett ogiltigt objekt för trafikformningshastighet hittades i den providerspecifika QoS-bufferten.")
	E(11031, "WSA_QOS_RESERVED_PETYPE",
		"A reserved policy element was found in the QOS provider-specific buffer.",
		"Ett reserverat principelement hittades i den providerspecifika QoS-bufferten.")
};

#undef E

#define TABLE_COUNT (sizeof(table) / sizeof(table[0]))

const ws2fix_wsa_error_info *ws2fix__wsa_error_table(size_t *count)
{
	if (count)
		*count = TABLE_COUNT;
	return table;
}

const ws2fix_wsa_error_info *ws2fix__wsa_error_info(int code)
{
	/* The table is sorted by code (a unit test can check it). */
	size_t lo = 0, hi = TABLE_COUNT;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (table[mid].code == code)
			return &table[mid];
		if (table[mid].code < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const ws2fix_wsa_error_info *ws2fix__wsa_error_by_name(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < TABLE_COUNT; i++)
		if (ws2fix__strcasecmp(table[i].name, name) == 0)
			return &table[i];
	return NULL;
}

const char *ws2fix__wsa_error_name(int code)
{
	const ws2fix_wsa_error_info *e = ws2fix__wsa_error_info(code);
	return e ? e->name : NULL;
}

const char *ws2fix__wsa_error_text(int code, ws2fix_lang lang)
{
	const ws2fix_wsa_error_info *e = ws2fix__wsa_error_info(code);
	if (!e)
		return NULL;
	return e->text[(unsigned)lang < WS2FIX_LANG_COUNT ? lang : WS2FIX_LANG_EN];
}
