// Mesh fragment shader: ambient + two-sided diffuse from one directional light.
#version 450
layout(location = 0) in vec3 in_normal;
layout(push_constant) uniform Push {
    mat4 mvp;
    vec4 rot[3];
    vec4 color;
} pc;
layout(location = 0) out vec4 out_color;
void main() {
    vec3 light = vec3(pc.rot[0].w, pc.rot[1].w, pc.rot[2].w);
    float ndl = abs(dot(normalize(in_normal), light));
    float shade = 0.45 + 0.55 * ndl;
    out_color = vec4(pc.color.rgb * shade, pc.color.a);
}
